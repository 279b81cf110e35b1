import { handleGetTrace } from "@loupe/ingestion";
import { getPublicApi } from "@/server/public-api";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ traceId: string }> }) {
  const { traceId } = await params;
  return handleGetTrace(getPublicApi(), request, traceId);
}
