import { handleListTraces } from "@loupe/ingestion";
import { getPublicApi } from "@/server/public-api";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleListTraces(getPublicApi(), request);
}
