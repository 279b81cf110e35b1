import type { RecordedStep } from "@loupe/schema";
import { describe, expect, it } from "vitest";
import { buildSteps, findKinds } from "../testing/build-steps.ts";
import { planDriftDetector } from "./plan-drift.ts";
import { detectFindings } from "../detect-findings.ts";

type Draft = Parameters<typeof buildSteps>[0][number];

const plan = [
  "Plan:",
  "1. Look up the customer's open invoices.",
  "2. Convert the overdue amounts to EUR.",
  "3. Email the account manager a summary.",
].join("\n");

/** An LLM turn that says `content` and asks for one call, and the tool step that answers it. */
function turn(callId: string, content: string | null, tool: string, input: Record<string, unknown>): Draft[] {
  return [
    {
      kind: "llm",
      name: "chat gpt-4o",
      model: "gpt-4o",
      output: { message: { role: "assistant", content, toolCalls: [{ id: callId, name: tool, arguments: input }] } },
    },
    { name: tool, tool: { name: tool, callId }, input, output: { ok: true } },
  ];
}

function reply(content: string): Draft {
  return { kind: "llm", name: "chat gpt-4o", model: "gpt-4o", output: { message: { role: "assistant", content } } };
}

const request = "Chase the overdue invoices of Acme GmbH and tell their account manager in EUR.";
const done = "I emailed Dana (account manager) the overdue Acme GmbH invoices: EUR 4,210 across two invoices.";

function detect(steps: RecordedStep[], trace: { status: "ok" | "running"; output?: unknown } = { status: "ok" }) {
  return detectFindings({ steps, trace: { name: "collections", input: { request }, ...trace } }, [planDriftDetector]);
}

const followsPlan: Draft[] = [
  ...turn("c1", plan, "list_invoices", { customer: "Acme GmbH", status: "open" }),
  ...turn("c2", "Two are overdue; converting them.", "convert_currency", { amount: 3900, from: "USD", to: "EUR" }),
  ...turn("c3", "Sending the summary to the account manager.", "send_email", { to: "dana@example.com", subject: "Acme overdue invoices" }),
  reply(done),
];

describe("plan-drift detector", () => {
  it("stays silent on a run that carries out its plan", () => {
    expect(detect(buildSteps(followsPlan), { status: "ok", output: { message: done } })).toEqual([]);
  });

  it("flags calls the plan never mentioned, starting at the first of them", () => {
    const steps = buildSteps([
      ...followsPlan.slice(0, 4),
      ...turn("c5", "While here, the CRM notes look stale.", "update_crm_note", { account: "Acme GmbH", note: "Reviewed" }),
      ...turn("c6", "Also tidying the contact list.", "merge_contacts", { ids: ["k1", "k2"] }),
      ...turn("c7", "And archiving old deals.", "archive_deal", { deal: "d-19" }),
      ...followsPlan.slice(4),
    ]);
    const [finding] = detect(steps, { status: "running" });
    expect(finding?.kind).toBe("plan_drift");
    expect(finding?.firstStepId).toBe("s6");
    expect(finding?.stepIds).toEqual(["s6", "s8", "s10"]);
    expect(finding?.evidence).toMatchObject({
      planStepId: "s1",
      planItems: ["Look up the customer's open invoices.", "Convert the overdue amounts to EUR.", "Email the account manager a summary."],
      unplannedCalls: [
        { stepId: "s6", tool: "update_crm_note" },
        { stepId: "s8", tool: "merge_contacts" },
        { stepId: "s10", tool: "archive_deal" },
      ],
      missingItems: [],
    });
    expect(finding?.explanation).toMatch(/3 tool calls the plan never mentioned/);
  });

  it("lets one extra call pass, below the configured count", () => {
    const steps = buildSteps([...followsPlan.slice(0, 4), ...turn("c5", "Checking the time zone.", "get_time", { tz: "CET" }), ...followsPlan.slice(4)]);
    expect(detect(steps, { status: "ok", output: { message: done } })).toEqual([]);
    expect(findKinds(steps, { settings: { planDriftMinUnplannedCalls: 1, planDriftMinUnplannedShare: 0 } }).map((f) => f.kind)).toContain(
      "plan_drift",
    );
  });

  it("flags a successful run that skipped a planned step of a planner's structured plan", () => {
    const steps = buildSteps([
      { kind: "agent", name: "planner", output: { plan: ["Look up the open invoices", "Convert the overdue amounts to EUR", "Email the account manager"] } },
      ...turn("c1", null, "list_invoices", { customer: "Acme GmbH", status: "open" }),
      ...turn("c2", null, "convert_currency", { amount: 3900, from: "USD", to: "EUR" }),
      reply("Acme GmbH has two overdue invoices worth EUR 4,210."),
    ]);
    const [finding] = detect(steps);
    expect(finding?.severity).toBe("high");
    expect(finding?.evidence).toMatchObject({ missingItems: ["Email the account manager"] });
    expect(finding?.firstStepId).toBe("s6");
  });

  it("does not call a planned step missing while the run is still going", () => {
    const steps = buildSteps(followsPlan.slice(0, 4));
    expect(detect(steps, { status: "running" })).toEqual([]);
  });

  it("flags a final answer that addresses another goal", () => {
    const steps = buildSteps([...followsPlan.slice(0, 6), reply("Here is a history of German commercial law since 1897.")]);
    const [finding] = detect(steps);
    expect(finding?.evidence).toMatchObject({ unplannedCalls: [], missingItems: [] });
    expect(finding?.explanation).toMatch(/final answer sharing only \d+% of the request's words/);
    expect(finding?.firstStepId).toBe("s7");
  });

  it("judges calls after an explicit revision against the revised plan", () => {
    const revised = ["Revised plan, the invoices were already paid:", "1. Check the payment records.", "2. Close the dunning case."].join("\n");
    const steps = buildSteps([
      ...turn("c1", plan, "list_invoices", { customer: "Acme GmbH", status: "open" }),
      ...turn("c2", revised, "get_payment_records", { customer: "Acme GmbH" }),
      ...turn("c3", "Payments confirmed.", "close_dunning_case", { customer: "Acme GmbH" }),
      reply("The Acme GmbH invoices were paid on the 3rd; I closed the dunning case, so there is nothing overdue to tell their account manager."),
    ]);
    expect(detect(steps)).toEqual([]);
  });

  it("reads a numbered final answer as an answer, not a plan", () => {
    const steps = buildSteps([
      ...turn("c1", null, "list_invoices", { customer: "Acme GmbH", status: "open" }),
      reply("Overdue invoices of Acme GmbH in EUR:\n1. INV-1 EUR 2,000\n2. INV-2 EUR 2,210\nTold the account manager."),
    ]);
    expect(detect(steps)).toEqual([]);
  });

  it("leaves the calls of a sub-agent behind a delegate tool to that agent", () => {
    const steps = buildSteps([
      ...turn("c1", "Plan:\n1. Research heat pump sales in Germany.\n2. Write the brief.", "delegate_research", { question: "Heat pump sales in Germany" }),
      { name: "web_search", parentId: "s2", input: { query: "BWP statistics 2024" } },
      { name: "fetch_page", parentId: "s2", input: { url: "https://example.org/a" } },
      { name: "fetch_page", parentId: "s2", input: { url: "https://example.org/b" } },
      ...turn("c2", null, "write_brief", { title: "Heat pump sales in Germany" }),
    ]);
    expect(detect(steps, { status: "running" })).toEqual([]);
  });

  it("keeps its group key while the run grows", () => {
    const drift = [
      ...followsPlan.slice(0, 2),
      ...turn("c5", "Reading about something else.", "fetch_page", { url: "https://example.org/history" }),
      ...turn("c6", "And more of it.", "fetch_page", { url: "https://example.org/more-history" }),
      ...turn("c7", "And yet more.", "web_search", { query: "company founders biography" }),
    ];
    const early = detect(buildSteps(drift.slice(0, 8)), { status: "running" });
    const late = detect(buildSteps(drift), { status: "running" });
    expect(early[0]?.groupKey).toBe("plan-drift:s1");
    expect(late[0]?.groupKey).toBe(early[0]?.groupKey);
  });
});
