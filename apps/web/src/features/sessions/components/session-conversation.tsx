"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { LongText } from "@/components/json-view";
import { ErrorState } from "@/components/error-state";
import { StatusBadge } from "@/components/status-badge";
import { Timestamp } from "@/components/timestamp";
import {
  buildProjectPath,
  buildSessionTracesPath,
  buildTracePath,
} from "@/features/shell/lib/project-sections";
import { formatCost, formatElapsed, formatInteger } from "@/lib/format";
import { useTRPC } from "@/trpc/client";
import { readFinalAnswer, readUserInput } from "../lib/read-run-text";
import styles from "./session-conversation.module.css";

/**
 * One session as the conversation it was: each run's question and answer as chat bubbles, oldest
 * first, with what the run cost and how it went, and a way into the run itself. Text only: what a
 * run recorded is untrusted, so it is never rendered as HTML.
 */
export function SessionConversation({
  projectId,
  sessionId,
}: {
  projectId: string;
  sessionId: string;
}) {
  const trpc = useTRPC();
  const query = useQuery(trpc.session.conversation.queryOptions({ projectId, sessionId }));

  if (query.isPending) return <p className="muted">Loading the conversation…</p>;
  if (query.isError) {
    return (
      <ErrorState
        title="This session could not be loaded"
        message={query.error.message}
        onRetry={() => void query.refetch()}
      />
    );
  }
  const session = query.data;
  return (
    <>
      <header className={styles.header}>
        <nav className={styles.breadcrumb} aria-label="Breadcrumb">
          <Link href={buildProjectPath(projectId, "sessions")}>← Sessions</Link>
        </nav>
        <h1 className={styles.title}>
          Session <code>{session.id}</code>
        </h1>
        <p className="muted">
          {session.userId ? <>With {session.userId} · </> : null}
          {session.runCount === 1 ? "1 run" : `${formatInteger(session.runCount)} runs`} ·{" "}
          <Link href={buildSessionTracesPath(projectId, session.id)}>See them as a list</Link>
        </p>
      </header>
      {session.earlierRunCount > 0 ? (
        <p className={styles.notice} role="note">
          The {formatInteger(session.earlierRunCount)} earliest runs are not shown here; the list
          has them all.
        </p>
      ) : null}
      <ol
        className={styles.conversation}
        aria-label="Conversation"
        data-testid="session-conversation"
      >
        {session.runs.map((run) => {
          const question = readUserInput(run.input);
          const answer = readFinalAnswer(run.output);
          return (
            <li
              key={run.id}
              className={styles.turn}
              data-testid="conversation-turn"
              data-trace-id={run.id}
            >
              <div className={styles.bubble} data-role="user" data-testid="user-bubble">
                {question === null ? (
                  <span className={styles.empty}>(no input recorded)</span>
                ) : (
                  <LongText text={question} label="User input" className={styles.text} />
                )}
              </div>
              <div className={styles.bubble} data-role="assistant" data-testid="answer-bubble">
                {answer === null ? (
                  <span className={styles.empty}>
                    {run.status === "running" ? "(still running)" : "(no answer recorded)"}
                  </span>
                ) : (
                  <LongText text={answer} label="Final answer" className={styles.text} />
                )}
                {run.statusMessage ? <p className={styles.failure}>{run.statusMessage}</p> : null}
              </div>
              <div className={styles.meta}>
                <StatusBadge status={run.status} />
                <Timestamp date={run.startTime} />
                <span>{formatElapsed(run.startTime, run.endTime)}</span>
                <span>{formatCost(run.totalCost)}</span>
                {run.findingCount > 0 ? (
                  <span className={styles.findings}>
                    {run.findingCount === 1 ? "1 finding" : `${run.findingCount} findings`}
                  </span>
                ) : null}
                <Link href={buildTracePath(projectId, run.id)}>Open run {run.name}</Link>
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}
