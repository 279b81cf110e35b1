import { handleIngestionBatch } from "@loupe/ingestion";
import { timeIngestion } from "@/server/metrics";
import { getPublicApi } from "@/server/public-api";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return timeIngestion("native", () => handleIngestionBatch(getPublicApi(), request));
}
