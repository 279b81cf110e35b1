import { ChangedRuns, RUNS_CHANGED_CHANNEL } from "@loupe/schema";
import pg from "pg";

const RECONNECT_DELAY_MS = 1_000;
const CONNECT_TIMEOUT_MS = 10_000;
/** Runs changed this long before listening stopped are looked at again: commits and clocks lag. */
const CATCH_UP_MARGIN_MS = 5_000;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export type ChangedRunsListener = {
  /** Resolves once the first connection listens and has caught up. */
  ready: Promise<void>;
  close: () => Promise<void>;
};

const reportError = (error: unknown) =>
  console.warn(`Loupe: the changed-runs listener failed (${error instanceof Error ? error.message : String(error)}); it reconnects.`);

/**
 * Listens on the channel ingestion announces changed runs on. Runs updated while nobody listened
 * are reported from the trace table: those since `catchUpFrom` once listening starts (a worker that
 * was starting or restarting), and those since a lost connection (a server restart) once it is
 * reopened, so none is left unanalysed.
 */
export function listenForChangedRuns(
  databaseUrl: string,
  onChanged: (changed: ChangedRuns) => void,
  { catchUpFrom, onError = reportError }: { catchUpFrom?: Date; onError?: (error: unknown) => void } = {},
): ChangedRunsListener {
  /** The connection listening, or being opened to listen; events from any older one are ignored. */
  let current: pg.Client | null = null;
  let closed = false;
  let unheardSince: Date | null = catchUpFrom ?? null;
  let reconnect: NodeJS.Timeout | null = null;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const connect = async () => {
    // Keep-alive probes notice a connection the network dropped without a word, which would
    // otherwise leave the listener waiting for notifications that never come.
    const next = new pg.Client({ connectionString: databaseUrl, keepAlive: true, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    current = next;
    next.on("notification", ({ channel, payload }) => {
      if (channel !== RUNS_CHANGED_CHANNEL || !payload) return;
      const parsed = ChangedRuns.safeParse(parseJson(payload));
      if (parsed.success) onChanged(parsed.data);
      else onError(new Error(`an unreadable changed-runs notification: ${parsed.error.message}`));
    });
    next.on("error", (error) => {
      onError(error);
      connectionLost(next);
    });
    next.on("end", () => connectionLost(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${RUNS_CHANGED_CHANNEL}`);
      if (closed) return void (await next.end());
      if (unheardSince) await catchUp(next, unheardSince);
      unheardSince = null;
      markReady();
    } catch (error) {
      onError(error);
      connectionLost(next);
    }
  };

  const connectionLost = (lost: pg.Client) => {
    lost.removeAllListeners("end");
    void lost.end().catch(() => undefined);
    if (lost !== current || closed || reconnect) return;
    current = null;
    unheardSince ??= new Date();
    reconnect = setTimeout(() => {
      reconnect = null;
      void connect();
    }, RECONNECT_DELAY_MS);
  };

  const catchUp = async (connection: pg.Client, since: Date) => {
    const { rows } = await connection.query<{ project_id: string; id: string }>(
      `SELECT project_id, id FROM "trace" WHERE updated_at >= $1`,
      [new Date(since.getTime() - CATCH_UP_MARGIN_MS)],
    );
    const byProject = new Map<string, string[]>();
    for (const row of rows) {
      const traceIds = byProject.get(row.project_id);
      if (traceIds) traceIds.push(row.id);
      else byProject.set(row.project_id, [row.id]);
    }
    for (const [projectId, traceIds] of byProject) onChanged({ projectId, traceIds });
  };

  void connect();
  return {
    ready,
    close: async () => {
      closed = true;
      if (reconnect) clearTimeout(reconnect);
      const open = current;
      current = null;
      if (open) {
        open.removeAllListeners("end");
        await open.end().catch(() => undefined);
      }
    },
  };
}
