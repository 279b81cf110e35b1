import { getDb } from "@/server/db";

/** Liveness and database reachability, for the launcher, load balancers and e2e set-up. */
export async function GET() {
  try {
    await getDb().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", database: "up" });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return Response.json({ status: "error", database: "down", message }, { status: 503 });
  }
}
