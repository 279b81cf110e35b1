import { handleOtlpTraces } from "@loupe/ingestion";
import { timeIngestion } from "@/server/metrics";
import { getPublicApi } from "@/server/public-api";

export const dynamic = "force-dynamic";

/** OTLP/HTTP traces; /v1/traces is rewritten here (next.config.ts). */
export function POST(request: Request) {
  return timeIngestion("otlp", () => handleOtlpTraces(getPublicApi(), request));
}
