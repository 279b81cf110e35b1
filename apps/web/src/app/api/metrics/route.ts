import { readServerEnv } from "@/env";
import { getMetrics } from "@/server/metrics";

export const dynamic = "force-dynamic";

/** Prometheus text format; guarded by LOUPE_METRICS_TOKEN (as a bearer token) when it is set. */
export async function GET(request: Request) {
  const token = readServerEnv().LOUPE_METRICS_TOKEN;
  if (token && request.headers.get("authorization") !== `Bearer ${token}`) {
    return new Response("Send the metrics token as `Authorization: Bearer <LOUPE_METRICS_TOKEN>`.\n", { status: 401 });
  }
  const { registry } = getMetrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
}
