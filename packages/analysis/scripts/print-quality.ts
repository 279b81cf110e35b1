import { buildCorpus } from "@loupe/fixtures";
import { formatQualityTable, measureQuality } from "../src/quality/measure-quality.ts";

const rows = measureQuality(buildCorpus());
console.log(formatQualityTable(rows));
for (const row of rows) {
  if (row.falsePositiveSlugs.length > 0) console.log(`${row.kind} false positives: ${row.falsePositiveSlugs.join(", ")}`);
  if (row.falseNegativeSlugs.length > 0) console.log(`${row.kind} false negatives: ${row.falseNegativeSlugs.join(", ")}`);
}
