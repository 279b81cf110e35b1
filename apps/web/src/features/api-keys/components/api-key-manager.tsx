"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { TableSkeleton } from "@/components/table-skeleton";
import { useTRPC } from "@/trpc/client";
import styles from "./api-keys.module.css";
import { ApiKeyTable } from "./api-key-table";
import { CreateApiKeyForm } from "./create-api-key-form";
import { IssuedKeyPanel, type IssuedKey } from "./issued-key-panel";

export function ApiKeyManager({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listOptions = trpc.apiKey.list.queryOptions({ projectId });
  const keysQuery = useQuery(listOptions);
  const [issuedKey, setIssuedKey] = useState<IssuedKey | null>(null);

  const refreshKeys = () => queryClient.invalidateQueries({ queryKey: listOptions.queryKey });
  const createKey = useMutation(trpc.apiKey.create.mutationOptions({ onSettled: refreshKeys }));
  const revokeKey = useMutation(trpc.apiKey.revoke.mutationOptions({ onSettled: refreshKeys }));

  return (
    <section className={styles.section} aria-labelledby="api-keys-heading">
      <div className={styles.sectionHeader}>
        <h2 id="api-keys-heading">API keys</h2>
        <p>
          Agents and SDKs send traces to this project with a key pair. Each secret is shown once,
          when created.
        </p>
      </div>
      <CreateApiKeyForm
        isCreating={createKey.isPending}
        errorMessage={createKey.error?.message ?? null}
        onCreate={(name, resetForm) =>
          createKey.mutate(
            { projectId, name },
            {
              onSuccess: (created) => {
                setIssuedKey(created);
                resetForm();
              },
            },
          )
        }
      />
      {issuedKey ? (
        <IssuedKeyPanel issuedKey={issuedKey} onDismiss={() => setIssuedKey(null)} />
      ) : null}
      {revokeKey.error ? (
        <p role="alert" className={styles.formError}>
          {revokeKey.error.message}
        </p>
      ) : null}
      {keysQuery.isPending ? (
        <TableSkeleton
          columns={["Name", "Public key", "Secret", "Created", "Last used", "Status"]}
          rows={2}
          label="Loading API keys"
        />
      ) : keysQuery.isError ? (
        <ErrorState
          title="API keys could not be loaded"
          message={keysQuery.error.message}
          onRetry={() => void keysQuery.refetch()}
        />
      ) : keysQuery.data.length === 0 ? (
        <EmptyState title="No API keys yet">
          <p>
            Create a key above, then configure your agent&apos;s Loupe exporter with it to start
            sending runs.
          </p>
        </EmptyState>
      ) : (
        <ApiKeyTable
          apiKeys={keysQuery.data}
          revokingId={revokeKey.isPending ? revokeKey.variables.apiKeyId : null}
          onRevoke={(apiKeyId) => revokeKey.mutate({ projectId, apiKeyId })}
        />
      )}
    </section>
  );
}
