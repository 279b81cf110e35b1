import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SecretBox, hintOfSecret, loadSecretKey } from "./secret-box.ts";

describe("SecretBox", () => {
  const box = new SecretBox("a-test-key-of-enough-length");

  it("round-trips a secret, and never stores it in the clear", () => {
    const stored = box.encrypt("sk-live-123456");
    expect(stored).not.toContain("sk-live");
    expect(box.decrypt(stored)).toBe("sk-live-123456");
    expect(box.encrypt("sk-live-123456")).not.toBe(stored);
  });

  it("refuses a tampered value and a value encrypted with another key", () => {
    const stored = box.encrypt("sk-live-123456");
    const parts = stored.split(":");
    const tampered = [...parts.slice(0, 3), Buffer.from("sk-live-999999").toString("base64url")].join(":");
    expect(() => box.decrypt(tampered)).toThrow(/cannot be decrypted/);
    expect(() => new SecretBox("another-key-of-enough-length").decrypt(stored)).toThrow(/cannot be decrypted/);
    expect(() => box.decrypt("plain text")).toThrow(/not in a format/);
  });

  it("hints at a key by its last characters", () => {
    expect(hintOfSecret("sk-live-123456")).toBe("…3456");
  });
});

describe("loadSecretKey", () => {
  it("prefers the configured key, else generates one once and keeps it private", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "loupe-secret-"));
    expect(loadSecretKey({ secretKey: "configured-secret-key", dataDir })).toBe("configured-secret-key");
    const generated = loadSecretKey({ dataDir });
    expect(generated.length).toBeGreaterThanOrEqual(32);
    expect(loadSecretKey({ dataDir })).toBe(generated);
    expect(statSync(path.join(dataDir, "secret.key")).mode & 0o777).toBe(0o600);
  });
});
