import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const ALGORITHM = "aes-256-gcm";
const FORMAT = "v1";

/**
 * Encrypts the secrets Loupe must be able to read back (provider API keys, webhook signing
 * secrets) with AES-256-GCM. A stored value is `v1:<iv>:<tag>:<ciphertext>` in base64url, so a
 * database dump alone reveals none of them.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 16) throw new Error("The secret key must be at least 16 characters long.");
    // Any string of enough entropy works as a key; hashing gives AES the 32 bytes it needs.
    this.key = createHash("sha256").update(secret).digest();
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [FORMAT, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
      .join(":");
  }

  decrypt(stored: string): string {
    const [format, iv, tag, ciphertext] = stored.split(":");
    if (format !== FORMAT || !iv || !tag || ciphertext === undefined) {
      throw new Error("The stored secret is not in a format Loupe can read.");
    }
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    try {
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
    } catch {
      throw new Error("The stored secret cannot be decrypted: was LOUPE_SECRET_KEY changed?");
    }
  }
}

/** The last four characters, to tell keys apart on screen without revealing them. */
export function hintOfSecret(secret: string): string {
  return `…${secret.slice(-4)}`;
}

/**
 * The key from LOUPE_SECRET_KEY, or else one generated on first start and kept (readable by its
 * owner only) in the data folder, so a newcomer needs to configure nothing.
 */
export function loadSecretKey({ secretKey, dataDir }: { secretKey?: string | undefined; dataDir: string }): string {
  if (secretKey) return secretKey;
  const file = path.join(dataDir, "secret.key");
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const generated = randomBytes(32).toString("base64url");
  // "wx" fails if another process created the file first; then its key is the one to use.
  try {
    writeFileSync(file, `${generated}\n`, { flag: "wx", mode: 0o600 });
    chmodSync(file, 0o600);
    return generated;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readFileSync(file, "utf8").trim();
  }
}
