import { handleIngestionBatch } from "@loupe/ingestion";
import { getPublicApi } from "@/server/public-api";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handleIngestionBatch(getPublicApi(), request);
}
