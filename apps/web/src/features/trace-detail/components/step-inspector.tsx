import type { RouterOutputs } from "@loupe/api";
import type { ReactNode } from "react";
import { JsonView } from "@/components/json-view";
import { StatusBadge } from "@/components/status-badge";
import { Timestamp } from "@/components/timestamp";
import { formatCost, formatElapsed, formatInteger, formatOffset } from "@/lib/format";
import { ReplayPanel } from "@/features/replay/components/replay-panel";
import { readLlmInput, readReply } from "../lib/read-conversation";
import { readRetrievedDocuments } from "../lib/read-documents";
import { RetrievedDocuments } from "./retrieved-documents";
import { Conversation } from "./conversation";
import styles from "./step-inspector.module.css";
import type { StepRow } from "./step-list";
import { StepKind } from "./step-kind";
import { FindingHeadline, type TraceFinding } from "./trace-findings";

type TraceDetail = RouterOutputs["trace"]["byId"];

/** One step in full: what it was, what went in, what came out, and what was flagged about it. */
export function StepInspector({
  projectId,
  step,
  origin,
  findings,
}: {
  projectId: string;
  step: StepRow;
  origin: Date;
  /** The run's findings that name this step. */
  findings: readonly TraceFinding[];
}) {
  const llmInput = step.kind === "llm" ? readLlmInput(step.input) : null;
  const reply = step.kind === "llm" ? readReply(step.output) : null;
  const documents = step.kind === "llm" ? null : readRetrievedDocuments(step.output);
  const hasAttributes = Object.keys(asRecord(step.attributes)).length > 0;

  return (
    <section
      className={styles.inspector}
      aria-label={`Step ${step.name}`}
      data-testid="step-inspector"
    >
      <div className={styles.titleRow}>
        <StepKind kind={step.kind} />
        <h2 className={styles.title}>{step.name}</h2>
        <StatusBadge status={step.status} />
      </div>
      {step.statusMessage ? <p className={styles.statusMessage}>{step.statusMessage}</p> : null}
      <Facts facts={describeStep(step, origin)} />

      {findings.length > 0 ? (
        <InspectorSection title={`Findings (${findings.length})`}>
          <ul className={styles.findings} data-testid="step-findings">
            {findings.map((finding) => (
              <li key={finding.id} className={styles.finding}>
                <FindingHeadline finding={finding} />
                <p>{finding.explanation}</p>
                <JsonView value={finding.evidence} label={`Evidence for ${finding.kind}`} />
              </li>
            ))}
          </ul>
        </InspectorSection>
      ) : null}

      {llmInput ? (
        <>
          <InspectorSection title={`Conversation (${llmInput.messages.length} messages)`}>
            <Conversation messages={llmInput.messages} label="Messages sent to the model" />
          </InspectorSection>
          <InspectorSection title="Response">
            {reply ? (
              <Conversation messages={[reply]} label="The model's reply" />
            ) : (
              <JsonView value={step.output} label="Step output" />
            )}
          </InspectorSection>
          <InspectorSection title="Replay">
            <ReplayPanel
              key={step.id}
              projectId={projectId}
              traceId={step.traceId}
              stepId={step.id}
              promptName={step.promptName}
              recordedVersion={step.promptVersion}
            />
          </InspectorSection>
          {llmInput.tools?.length ? (
            <InspectorSection title={`Tools offered (${llmInput.tools.length})`}>
              <JsonView value={llmInput.tools} label="Tools offered to the model" />
            </InspectorSection>
          ) : null}
          <details className={styles.raw}>
            <summary>Raw input</summary>
            <JsonView value={step.input} label="Raw step input" />
          </details>
        </>
      ) : (
        <>
          <InspectorSection title="Input">
            <JsonView value={step.input} label="Step input" />
          </InspectorSection>
          {documents ? (
            <InspectorSection title={`Retrieved documents (${documents.length})`}>
              <RetrievedDocuments documents={documents} />
            </InspectorSection>
          ) : null}
          <InspectorSection title={documents ? "Raw output" : "Output"}>
            <JsonView value={step.output} label="Step output" />
          </InspectorSection>
        </>
      )}

      {step.modelParameters ? (
        <InspectorSection title="Model parameters">
          <JsonView value={step.modelParameters} label="Model parameters" />
        </InspectorSection>
      ) : null}
      {hasAttributes ? (
        <InspectorSection title="Attributes">
          <JsonView value={step.attributes} label="Step attributes" />
        </InspectorSection>
      ) : null}
    </section>
  );
}

/** Shown before a step is chosen: the run's own input and output. */
export function TraceOverview({ trace }: { trace: TraceDetail }) {
  return (
    <section className={styles.inspector} aria-label="Run input and output">
      <p className="muted">Select a step to see its input, output and conversation.</p>
      <InspectorSection title="Run input">
        <JsonView value={trace.input} label="Run input" />
      </InspectorSection>
      <InspectorSection title="Run output">
        <JsonView value={trace.output} label="Run output" />
      </InspectorSection>
    </section>
  );
}

function InspectorSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className={styles.section}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function Facts({ facts }: { facts: [string, ReactNode][] }) {
  return (
    <dl className={styles.facts}>
      {facts.map(([label, value]) => (
        <div key={label} style={{ display: "contents" }}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function describeStep(step: StepRow, origin: Date): [string, ReactNode][] {
  const facts: [string, ReactNode][] = [
    [
      "Started",
      <>
        <Timestamp date={step.startTime} />{" "}
        <span className="faint">({formatOffset(step.startTime, origin)})</span>
      </>,
    ],
    ["Duration", formatElapsed(step.startTime, step.endTime)],
  ];
  if (step.model)
    facts.push(["Model", step.provider ? `${step.model} (${step.provider})` : step.model]);
  if (step.toolName) {
    const tool = step.toolVersion ? `${step.toolName}@${step.toolVersion}` : step.toolName;
    facts.push(["Tool", step.toolCallId ? `${tool} · call ${step.toolCallId}` : tool]);
  }
  if (step.promptName) facts.push(["Prompt", `${step.promptName} v${step.promptVersion ?? "?"}`]);
  if (step.agentName) facts.push(["Agent", step.agentName]);
  if (step.inputTokens !== null || step.outputTokens !== null)
    facts.push(["Tokens", describeTokens(step)]);
  const cost = step.providedCost ?? step.calculatedCost;
  if (cost !== null) {
    facts.push([
      "Cost",
      `${formatCost(cost)}${step.providedCost === null ? " (calculated by Loupe)" : ""}`,
    ]);
  }
  facts.push(["Step id", <code key="id">{step.id}</code>]);
  if (step.parentId) facts.push(["Parent", <code key="parent">{step.parentId}</code>]);
  return facts;
}

function describeTokens(step: StepRow): string {
  const parts = [
    `${formatInteger(step.inputTokens ?? 0)} in`,
    `${formatInteger(step.outputTokens ?? 0)} out`,
  ];
  if (step.cachedTokens) parts.push(`${formatInteger(step.cachedTokens)} cached`);
  if (step.reasoningTokens) parts.push(`${formatInteger(step.reasoningTokens)} reasoning`);
  return `${parts.join(" · ")}${step.usageEstimated ? " (estimated)" : ""}`;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}
