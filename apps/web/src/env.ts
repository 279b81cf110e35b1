import { WebhookNetworks } from "@loupe/alerts";
import { parseEnvironment } from "@loupe/schema";
import { z } from "zod";

const ServerEnv = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" }),
  /** Public API requests per second per API key, and the burst allowed above it. */
  LOUPE_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(200),
  LOUPE_RATE_LIMIT_BURST: z.coerce.number().int().positive().default(400),
  /** Encrypts stored provider keys and webhook secrets; without it a key is kept in the data folder. */
  LOUPE_SECRET_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  LOUPE_DATA_DIR: z.string().min(1).default(".loupe/data"),
  /** How long event ids are remembered, so that a retried batch is recognised. */
  LOUPE_DEDUP_RETENTION_DAYS: z.coerce.number().positive().default(7),
  /** When set, /api/metrics asks for it as a bearer token. */
  LOUPE_METRICS_TOKEN: z.string().min(1).optional(),
  /** Loupe's address as people reach it, for links in alert notifications. */
  LOUPE_PUBLIC_URL: z.url().optional(),
  /**
   * Which addresses alert webhooks may reach: `public-and-private` (loopback and private networks
   * too) or `public`. Link-local and cloud metadata addresses are refused either way.
   */
  LOUPE_WEBHOOK_NETWORKS: WebhookNetworks,
  PORT: z.coerce.number().int().default(3000),
});
type ServerEnv = z.infer<typeof ServerEnv>;

let parsed: ServerEnv | undefined;

/**
 * Read on first use rather than at import: `next build` imports server modules and there is no
 * database at build time; the launcher sets DATABASE_URL before starting the server.
 */
export function readServerEnv(): ServerEnv {
  if (parsed) return parsed;
  parsed = parseEnvironment(ServerEnv, process.env, "server configuration");
  return parsed;
}
