/** Called once when the server starts: background work that must run without a request. */
export async function register() {
  // `next build` loads this file too, with no database; only a running Node.js server starts the
  // worker. These two are Next's and the launcher's switches, not Loupe configuration.
  // eslint-disable-next-line no-restricted-properties
  const { NEXT_RUNTIME, DATABASE_URL } = process.env;
  if (NEXT_RUNTIME !== "nodejs" || !DATABASE_URL) return;
  const [{ startAlertWorker }, { startMaintenance }] = await Promise.all([
    import("./server/alert-worker"),
    import("./server/maintenance"),
  ]);
  startAlertWorker();
  startMaintenance();
}
