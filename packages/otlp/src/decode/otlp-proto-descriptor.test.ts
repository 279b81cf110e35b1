import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { DESCRIPTOR_PATH, readProtoDescriptor } from "../../scripts/read-proto-descriptor.ts";

it("embeds the definitions under proto/ (regenerate with `pnpm --filter @loupe/otlp proto:generate`)", () => {
  expect(JSON.parse(readFileSync(DESCRIPTOR_PATH, "utf8"))).toEqual(readProtoDescriptor());
});
