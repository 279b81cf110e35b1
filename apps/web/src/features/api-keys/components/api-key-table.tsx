"use client";

import type { RouterOutputs } from "@loupe/api";
import { Timestamp } from "@/components/timestamp";
import styles from "./api-keys.module.css";

type ApiKeyRow = RouterOutputs["apiKey"]["list"][number];

export function ApiKeyTable({
  apiKeys,
  revokingId,
  onRevoke,
}: {
  apiKeys: ApiKeyRow[];
  revokingId: string | null;
  onRevoke: (apiKeyId: string) => void;
}) {
  function confirmRevoke(apiKey: ApiKeyRow) {
    const confirmed = window.confirm(
      `Revoke the API key "${apiKey.name}"? Agents sending with it will be refused. This cannot be undone.`,
    );
    if (confirmed) onRevoke(apiKey.id);
  }

  return (
    <div className="table-wrap">
      <table className="data-table" aria-label="API keys">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Public key</th>
            <th scope="col">Secret</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {apiKeys.map((apiKey) => (
            <tr key={apiKey.id} className={apiKey.revokedAt ? styles.revoked : undefined}>
              <td>{apiKey.name}</td>
              <td>
                <code>{apiKey.publicKey}</code>
              </td>
              <td>
                <code aria-label={`Secret ending in ${apiKey.secretHint}`}>
                  …{apiKey.secretHint}
                </code>
              </td>
              <td>
                <Timestamp date={apiKey.createdAt} />
              </td>
              <td>
                {apiKey.lastUsedAt ? (
                  <Timestamp date={apiKey.lastUsedAt} />
                ) : (
                  <span className="faint">never</span>
                )}
              </td>
              <td>
                {apiKey.revokedAt ? (
                  <span className={styles.revokedLabel}>
                    Revoked <Timestamp date={apiKey.revokedAt} />
                  </span>
                ) : (
                  "Active"
                )}
              </td>
              <td className="numeric">
                {apiKey.revokedAt ? null : (
                  <button
                    type="button"
                    className="button button-danger"
                    disabled={revokingId === apiKey.id}
                    onClick={() => confirmRevoke(apiKey)}
                    aria-label={`Revoke ${apiKey.name}`}
                  >
                    {revokingId === apiKey.id ? "Revoking…" : "Revoke"}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
