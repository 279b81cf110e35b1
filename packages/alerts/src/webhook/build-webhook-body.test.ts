import { describe, expect, it } from "vitest";
import { buildAlertNotice } from "../testing/build-alert-notice.ts";
import { buildWebhookBody } from "./build-webhook-body.ts";

type SlackText = { type: string; text: string };
type SlackBlock = { type: string; text?: SlackText; fields?: SlackText[]; elements?: SlackText[] };
type SlackBody = { text: string; blocks: SlackBlock[] };

function readSlackBody(body: Record<string, unknown>): SlackBody {
  return body as SlackBody;
}

/** Every string Slack parses for links and mentions: the fallback and all mrkdwn fields. */
function collectMrkdwn(body: SlackBody): string[] {
  const texts = body.blocks.flatMap((block) => [
    ...(block.text ? [block.text] : []),
    ...(block.fields ?? []),
    ...(block.elements ?? []),
  ]);
  return [body.text, ...texts.filter((text) => text.type === "mrkdwn").map((text) => text.text)];
}

const manyTraces = Array.from({ length: 15 }, (_, index) => ({
  id: `trace_${index}`,
  name: `run ${index}`,
  url: `https://loupe.example/traces/trace_${index}`,
}));

describe("buildWebhookBody as JSON", () => {
  it("is versioned and typed by the notice kind", () => {
    const notice = buildAlertNotice();
    expect(buildWebhookBody("json", notice)).toEqual({
      type: "loupe.alert.fired",
      version: 1,
      alert: notice.alert,
      project: notice.project,
      affectedTraces: [
        {
          id: "trace_1",
          name: "checkout-agent",
          url: "https://loupe.example/p/project_1/traces/trace_1",
        },
        { id: "trace_2", name: "checkout-agent", url: null },
      ],
      url: notice.url,
    });
    expect(buildWebhookBody("json", buildAlertNotice({ kind: "resolved" })).type).toBe(
      "loupe.alert.resolved",
    );
    expect(buildWebhookBody("json", buildAlertNotice({ kind: "refired" })).type).toBe(
      "loupe.alert.refired",
    );
  });

  it("lists at most ten affected runs", () => {
    const body = buildWebhookBody("json", buildAlertNotice({ affectedTraces: manyTraces }));
    expect(body.affectedTraces).toHaveLength(10);
  });
});

describe("buildWebhookBody for Slack", () => {
  it("has a fallback text, a header, the counts and links to the runs and the alert", () => {
    const body = readSlackBody(buildWebhookBody("slack", buildAlertNotice()));
    expect(body.text).toBe(
      "Alert fired: Agent stuck in a loop: checkout-agent (repeated_call) (high, 3 occurrences, project Checkout)",
    );
    expect(body.blocks[0]).toEqual({
      type: "header",
      text: {
        type: "plain_text",
        text: "Alert fired: Agent stuck in a loop: checkout-agent (repeated_call)",
      },
    });
    const mrkdwn = collectMrkdwn(body).join("\n");
    expect(mrkdwn).toContain("*Severity*\nhigh");
    expect(mrkdwn).toContain("*Occurrences*\n3");
    expect(mrkdwn).toContain("• <https://loupe.example/p/project_1/traces/trace_1|checkout-agent>");
    expect(mrkdwn).toContain("• checkout-agent");
    expect(mrkdwn).toContain(
      "<https://loupe.example/p/project_1/alerts/alert_1|Open the alert in Loupe>",
    );
  });

  it("names the transition in the header", () => {
    const resolved = readSlackBody(
      buildWebhookBody("slack", buildAlertNotice({ kind: "resolved" })),
    );
    const refired = readSlackBody(buildWebhookBody("slack", buildAlertNotice({ kind: "refired" })));
    expect(resolved.blocks[0]?.text?.text).toMatch(/^Alert resolved: /);
    expect(refired.blocks[0]?.text?.text).toMatch(/^Alert fired again: /);
  });

  it("leaves out the runs and the alert link when there are none", () => {
    const body = readSlackBody(
      buildWebhookBody("slack", buildAlertNotice({ affectedTraces: [], url: null })),
    );
    const mrkdwn = collectMrkdwn(body).join("\n");
    expect(mrkdwn).not.toContain("Affected runs");
    expect(mrkdwn).not.toContain("Open the alert");
  });

  it("escapes hostile titles and names so they cannot mention anyone or forge links", () => {
    const notice = buildAlertNotice({
      alert: {
        ...buildAlertNotice().alert,
        title: "<!channel> <script>alert(1)</script> & <https://evil.example|click>",
        ruleName: "<!everyone>",
      },
      project: { id: "project_1", name: "<!here>" },
      affectedTraces: [
        { id: "t1", name: "<@U123> >|<", url: "https://loupe.example/traces/t1?a=1&b=<2>|x" },
        { id: "t2", name: "<!subteam^S1>", url: null },
      ],
    });
    const body = readSlackBody(buildWebhookBody("slack", notice));
    const mrkdwn = collectMrkdwn(body);
    const joined = mrkdwn.join("\n");
    for (const hostile of [
      "<!channel>",
      "<script>",
      "<!here>",
      "<!everyone>",
      "<@U123>",
      "<!subteam",
      "<https://evil",
    ]) {
      expect(joined).not.toContain(hostile);
    }
    expect(body.text).toContain(
      "&lt;!channel&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;https://evil.example|click&gt;",
    );
    // The only angle brackets left are the links Loupe made, each with one address and one label.
    const controlSequences = mrkdwn.flatMap((text) => text.match(/<[^>]*>/g) ?? []);
    expect(controlSequences).toEqual([
      "<https://loupe.example/traces/t1?a=1&amp;b=&lt;2&gt;%7Cx|&lt;@U123&gt; &gt;|&lt;>",
      "<https://loupe.example/p/project_1/alerts/alert_1|Open the alert in Loupe>",
    ]);
    // plain_text is shown as typed and never parsed, so the header keeps the title verbatim.
    expect(body.blocks[0]?.text).toEqual({
      type: "plain_text",
      text: `Alert fired: ${notice.alert.title}`,
    });
  });

  it("keeps a long title within Slack's limits", () => {
    const notice = buildAlertNotice({
      alert: { ...buildAlertNotice().alert, title: "x".repeat(5_000) },
    });
    const body = readSlackBody(buildWebhookBody("slack", notice));
    expect(body.blocks[0]?.text?.text.length).toBeLessThanOrEqual(150);
    expect(body.text.length).toBeLessThan(400);
  });

  it("links at most ten runs", () => {
    const body = readSlackBody(
      buildWebhookBody("slack", buildAlertNotice({ affectedTraces: manyTraces })),
    );
    expect(collectMrkdwn(body).join("\n").match(/^• /gm)).toHaveLength(10);
  });
});
