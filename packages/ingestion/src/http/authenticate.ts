import { findActiveApiKey, hashApiKeySecret, type Database } from "@loupe/db";
import { HttpError } from "./http-error.ts";

export type ApiKeyIdentity = { apiKeyId: string; projectId: string };

type Credentials = { publicKey: string | null; secret: string };

const USAGE = "Authenticate with HTTP Basic (public key as user, secret as password) or `Authorization: Bearer <secret>`.";

export function readCredentials(header: string | null): Credentials {
  if (!header) throw new HttpError(401, `Missing Authorization header. ${USAGE}`, "authorization");
  const [scheme, value = ""] = header.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === "bearer" && value) return { publicKey: null, secret: value };
  if (scheme?.toLowerCase() === "basic" && value) {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0 && colon < decoded.length - 1) {
      return { publicKey: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
    }
  }
  throw new HttpError(401, `Malformed Authorization header. ${USAGE}`, "authorization");
}

/**
 * Resolves API keys to their project. Answers are cached briefly so a busy sender costs one lookup
 * per interval; a revoked key therefore stops working within `cacheMillis`.
 */
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, { identity: ApiKeyIdentity & { publicKey: string }; expiresAt: number }>();

  constructor(
    private readonly db: Database,
    private readonly cacheMillis = 30_000,
  ) {}

  async authenticate(authorization: string | null): Promise<ApiKeyIdentity> {
    const { publicKey, secret } = readCredentials(authorization);
    const secretHash = hashApiKeySecret(secret);
    let cached = this.cache.get(secretHash);
    if (!cached || cached.expiresAt < Date.now()) {
      const key = await findActiveApiKey(this.db, secret);
      if (!key) {
        this.cache.delete(secretHash);
        throw new HttpError(401, "Invalid API key: no active key has this secret (it may have been revoked).", "authorization");
      }
      cached = {
        identity: { apiKeyId: key.id, projectId: key.projectId, publicKey: key.publicKey },
        expiresAt: Date.now() + this.cacheMillis,
      };
      this.cache.set(secretHash, cached);
    }
    if (publicKey !== null && publicKey !== cached.identity.publicKey) {
      throw new HttpError(401, "The public key does not belong to this secret.", "authorization");
    }
    return { apiKeyId: cached.identity.apiKeyId, projectId: cached.identity.projectId };
  }
}
