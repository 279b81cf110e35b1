"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { TableSkeleton } from "@/components/table-skeleton";
import { Timestamp } from "@/components/timestamp";
import { useTRPC } from "@/trpc/client";
import { PromptVersionForm } from "./prompt-version-form";

export function promptHref(projectId: string, name: string, version?: number) {
  return `/project/${projectId}/prompts/${encodeURIComponent(name)}${version !== undefined ? `?version=${version}` : ""}`;
}

export function PromptList({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const prompts = useQuery(trpc.prompt.list.queryOptions({ projectId }));
  const [creating, setCreating] = useState(false);

  return (
    <>
      <div style={{ marginBottom: "var(--space-3)" }}>
        <button type="button" className="button button-primary" onClick={() => setCreating((open) => !open)} aria-expanded={creating}>
          New prompt
        </button>
      </div>
      {creating ? (
        <PromptVersionForm projectId={projectId} onCreated={(name, version) => router.push(promptHref(projectId, name, version))} />
      ) : null}
      {prompts.isPending ? (
        <TableSkeleton columns={["Prompt", "Latest", "Labels", "Versions", "Updated"]} rows={4} label="Loading prompts" />
      ) : prompts.isError ? (
        <ErrorState title="Prompts could not be loaded" message={prompts.error.message} onRetry={() => void prompts.refetch()} />
      ) : prompts.data.length === 0 ? (
        <EmptyState title="No prompts yet">
          <p>
            Create one here or with <code>POST /api/public/prompts</code>. Steps that send <code>prompt.name</code> and{" "}
            <code>prompt.version</code> (or the OTLP attributes <code>loupe.prompt.name</code> / <code>loupe.prompt.version</code>) can
            then be replayed against any version.
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table" aria-label="Prompts">
            <thead>
              <tr>
                <th scope="col">Prompt</th>
                <th scope="col" className="numeric">Latest</th>
                <th scope="col">Labels</th>
                <th scope="col" className="numeric">Versions</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {prompts.data.map((prompt) => (
                <tr key={prompt.name} data-testid="prompt-row">
                  <td>
                    <Link href={promptHref(projectId, prompt.name)}>{prompt.name}</Link>
                  </td>
                  <td className="numeric">v{prompt.latestVersion}</td>
                  <td>
                    {prompt.labels.map((label) => (
                      <span key={label.label} className="tag">
                        {label.label}: v{label.version}
                      </span>
                    ))}
                  </td>
                  <td className="numeric">{prompt.versionCount}</td>
                  <td>
                    <Timestamp date={prompt.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
