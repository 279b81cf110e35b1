/** Called once when the server starts: background work that must run without a request. */
export async function register() {
  // `next build` loads this file too; only a running Node.js server has a database to work on.
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  const { startAlertWorker } = await import("./server/alert-worker");
  startAlertWorker();
}
