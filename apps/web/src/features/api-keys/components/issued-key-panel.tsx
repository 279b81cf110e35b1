import { CopyButton } from "@/components/copy-button";
import styles from "./api-keys.module.css";

export type IssuedKey = { name: string; publicKey: string; secret: string };

/** The one and only time a secret is shown. */
export function IssuedKeyPanel({
  issuedKey,
  onDismiss,
}: {
  issuedKey: IssuedKey;
  onDismiss: () => void;
}) {
  return (
    <section className={styles.issued} role="status" aria-label="New API key">
      <h3>API key “{issuedKey.name}” created</h3>
      <p>
        Copy the secret key now and store it somewhere safe.{" "}
        <strong>It will not be shown again</strong> — if you lose it, revoke this key and create a
        new one.
      </p>
      <div className={styles.secretRow}>
        <span className="label">Secret key</span>
        <code className={styles.secret} data-testid="new-api-key-secret">
          {issuedKey.secret}
        </code>
        <CopyButton text={issuedKey.secret} label="Copy secret" />
      </div>
      <div className={styles.secretRow}>
        <span className="label">Public key</span>
        <code className={styles.secret}>{issuedKey.publicKey}</code>
        <CopyButton text={issuedKey.publicKey} label="Copy public key" />
      </div>
      <div className={styles.issuedActions}>
        <button type="button" className="button" onClick={onDismiss}>
          I have stored the secret — dismiss
        </button>
      </div>
    </section>
  );
}
