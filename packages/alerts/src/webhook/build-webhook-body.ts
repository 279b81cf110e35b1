import { MAX_AFFECTED_TRACES, type AlertNotice } from "./alert-notice.ts";

export type WebhookFormat = "json" | "slack";

/** Bumped only on breaking changes to the JSON body, so receivers can switch on it. */
const JSON_BODY_VERSION = 1;

/** Slack rejects a header block whose text is longer than this. */
const SLACK_HEADER_MAX_CHARS = 150;
/** Keeps one hostile name from pushing a section past Slack's 3,000-character limit. */
const SLACK_NAME_MAX_CHARS = 200;

const HEADINGS: Record<AlertNotice["kind"], string> = {
  fired: "Alert fired",
  refired: "Alert fired again",
  resolved: "Alert resolved",
};

export function buildWebhookBody(
  format: WebhookFormat,
  notice: AlertNotice,
): Record<string, unknown> {
  return format === "slack" ? buildSlackBody(notice) : buildJsonBody(notice);
}

function buildJsonBody(notice: AlertNotice): Record<string, unknown> {
  return {
    type: `loupe.alert.${notice.kind}`,
    version: JSON_BODY_VERSION,
    alert: notice.alert,
    project: notice.project,
    affectedTraces: notice.affectedTraces
      .slice(0, MAX_AFFECTED_TRACES)
      .map((trace) => ({ id: trace.id, name: trace.name, url: trace.url ?? null })),
    url: notice.url,
  };
}

/** Block Kit for an incoming webhook, with `text` as the fallback notifications show. */
function buildSlackBody(notice: AlertNotice): Record<string, unknown> {
  const { alert, project } = notice;
  const heading = HEADINGS[notice.kind];
  const title = truncate(alert.title, SLACK_NAME_MAX_CHARS);
  const occurrences = `${alert.occurrenceCount} ${alert.occurrenceCount === 1 ? "occurrence" : "occurrences"}`;
  const blocks: Record<string, unknown>[] = [
    // plain_text is never parsed for links or mentions, so the title goes in unescaped.
    {
      type: "header",
      text: {
        type: "plain_text",
        text: truncate(`${heading}: ${alert.title}`, SLACK_HEADER_MAX_CHARS),
      },
    },
    {
      type: "section",
      fields: [
        mrkdwn(`*Severity*\n${alert.severity}`),
        mrkdwn(`*Occurrences*\n${alert.occurrenceCount}`),
        mrkdwn(`*Project*\n${escapeSlackText(truncate(project.name, SLACK_NAME_MAX_CHARS))}`),
        mrkdwn(`*Rule*\n${escapeSlackText(truncate(alert.ruleName, SLACK_NAME_MAX_CHARS))}`),
      ],
    },
    {
      type: "context",
      elements: [mrkdwn(`First seen ${alert.firstSeenAt} · last seen ${alert.lastSeenAt}`)],
    },
  ];
  const traces = notice.affectedTraces.slice(0, MAX_AFFECTED_TRACES);
  if (traces.length > 0) {
    const lines = traces.map((trace) => {
      const name = truncate(trace.name, SLACK_NAME_MAX_CHARS);
      return `• ${trace.url ? formatSlackLink(trace.url, name) : escapeSlackText(name)}`;
    });
    blocks.push({ type: "section", text: mrkdwn(`*Affected runs*\n${lines.join("\n")}`) });
  }
  if (notice.url) {
    blocks.push({
      type: "section",
      text: mrkdwn(formatSlackLink(notice.url, "Open the alert in Loupe")),
    });
  }
  return {
    text: `${heading}: ${escapeSlackText(title)} (${alert.severity}, ${occurrences}, project ${escapeSlackText(truncate(project.name, SLACK_NAME_MAX_CHARS))})`,
    blocks,
  };
}

function mrkdwn(text: string): { type: "mrkdwn"; text: string } {
  return { type: "mrkdwn", text };
}

/** Slack reads `<...>` as links and mentions (`<!channel>`); these three are its whole escape set. */
function escapeSlackText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** `|` would end the address early, so it is percent-encoded instead. */
function formatSlackLink(url: string, text: string): string {
  return `<${escapeSlackText(url).replaceAll("|", "%7C")}|${escapeSlackText(text)}>`;
}

function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}
