// Throughput of the two calls the ingestion write path makes per step.
// Run: cd packages/pricing && npx tsx bench/estimate.ts
import type { LlmInput, LlmOutput } from "@loupe/schema";
import { calculateCost, estimateUsage, type PriceOverride } from "../src/index.ts";

const SYSTEM_PROMPT = [
  "You are the support agent of an online travel company. Answer in the customer's language.",
  "Always check the booking before promising anything; never reveal another customer's data.",
  "Use search_bookings to find a booking, get_policy for refund and change rules, and",
  "create_ticket when a human must follow up. Keep answers under 120 words and cite the policy.",
].join(" ");

const TOOLS: LlmInput["tools"] = [
  {
    name: "search_bookings",
    description: "Find bookings by reference, email or name.",
    parameters: {
      type: "object",
      properties: {
        reference: { type: "string" },
        email: { type: "string" },
        name: { type: "string" },
      },
    },
  },
  {
    name: "get_policy",
    description: "Return the refund and change policy that applies to a fare class.",
    parameters: {
      type: "object",
      properties: { fareClass: { type: "string" } },
      required: ["fareClass"],
    },
  },
  {
    name: "create_ticket",
    description: "Open a ticket for the human support team.",
    parameters: {
      type: "object",
      properties: { summary: { type: "string" }, priority: { enum: ["low", "normal", "high"] } },
    },
  },
];

function bookingResult(index: number): string {
  return JSON.stringify({
    reference: `LP${(100_000 + index).toString(36).toUpperCase()}`,
    passenger: "Ada Lovelace",
    segments: [
      { from: "LIS", to: "OSL", departs: "2026-03-13T07:40:00Z", fareClass: "economy-flex" },
      { from: "OSL", to: "LIS", departs: "2026-03-20T18:05:00Z", fareClass: "economy-flex" },
    ],
    paid: { amount: 412.8, currency: "EUR" },
  });
}

/** An llm step in the middle of a support run: the conversation so far, and a tool call back. */
function llmStep(index: number): { input: LlmInput; output: LlmOutput } {
  return {
    input: {
      messages: [
        { role: "system", content: SYSTEM_PROMPT },
        {
          role: "user",
          content: `Hi, I need to move my flight LP${index} to the following week, is that free?`,
        },
        {
          role: "assistant",
          content: null,
          toolCalls: [
            {
              id: `call_${index}_1`,
              name: "search_bookings",
              arguments: { reference: `LP${index}` },
            },
          ],
        },
        { role: "tool", content: bookingResult(index), toolCallId: `call_${index}_1` },
        {
          role: "assistant",
          content: null,
          toolCalls: [
            { id: `call_${index}_2`, name: "get_policy", arguments: { fareClass: "economy-flex" } },
          ],
        },
        {
          role: "tool",
          content:
            "Economy Flex: one free date change up to 24 hours before departure; fare difference applies.",
          toolCallId: `call_${index}_2`,
        },
      ],
      tools: TOOLS,
    },
    output: {
      message: {
        role: "assistant",
        content:
          "Yes: your Economy Flex fare includes one free date change up to 24 hours before departure. " +
          "You only pay the fare difference, if any. Shall I look for flights on 20 March?",
      },
    },
  };
}

/** Call `call` of a run that re-sends its growing conversation, as agents do. */
function agentRunStep(run: number, call: number): { input: LlmInput; output: LlmOutput } {
  const turns = Array.from({ length: call }, (_, turn) =>
    llmStep(run * 1_000 + turn).input.messages.slice(1),
  );
  const { input, output } = llmStep(run * 1_000 + call);
  return { input: { ...input, messages: [...input.messages, ...turns.flat()] }, output };
}

/** A tool step: JSON arguments in, a JSON result out. */
function toolStep(index: number): { input: unknown; output: unknown } {
  return {
    input: { reference: `LP${index}` },
    output: JSON.parse(bookingResult(index)) as unknown,
  };
}

/** Calls per second of `run` over fresh payloads, so no count is remembered from the warm-up. */
function measure<T>(
  label: string,
  payloads: (index: number) => T,
  run: (payload: T) => void,
): void {
  const WARM_UP = 2_000;
  const MEASURED = 20_000;
  for (let index = 0; index < WARM_UP; index += 1) run(payloads(MEASURED + index));
  const prepared = Array.from({ length: MEASURED }, (_, index) => payloads(index));
  const started = performance.now();
  for (const payload of prepared) run(payload);
  const perSecond = (MEASURED / (performance.now() - started)) * 1_000;
  console.log(
    `${label.padEnd(52)} ${Math.round(perSecond).toLocaleString("en-US").padStart(10)} /s`,
  );
}

const sample = llmStep(0);
console.log(
  `llm step: ${JSON.stringify(sample.input).length} chars in, ${JSON.stringify(sample.output).length} chars out; ` +
    `estimated ${JSON.stringify(estimateUsage({ model: "gpt-4o", ...sample }))}`,
);

measure("estimateUsage, llm step, gpt-4o (o200k_base)", llmStep, (step) => {
  estimateUsage({ model: "gpt-4o", ...step });
});
measure("estimateUsage, llm step, claude (cl100k_base)", llmStep, (step) => {
  estimateUsage({ model: "claude-sonnet-4-5-20250929", ...step });
});
const CALLS_PER_RUN = 30;
const lastCall = agentRunStep(0, CALLS_PER_RUN - 1);
console.log(
  `agent run: ${CALLS_PER_RUN} calls, the last sending ${JSON.stringify(lastCall.input).length} chars`,
);
measure(
  `estimateUsage, ${CALLS_PER_RUN}-call agent run, per call`,
  (index) => agentRunStep(Math.floor(index / CALLS_PER_RUN), index % CALLS_PER_RUN),
  (step) => {
    estimateUsage({ model: "gpt-4o", ...step });
  },
);
measure("estimateUsage, tool step (JSON)", toolStep, (step) => {
  estimateUsage(step);
});

const CALLS = [
  { provider: "openai", model: "gpt-4o-mini-2024-07-18" },
  { provider: "anthropic", model: "claude-sonnet-4-5-20250929" },
  { provider: "aws.bedrock", model: "us.anthropic.claude-sonnet-4-20250514-v1:0" },
  { provider: "gcp.vertex_ai", model: "gemini-2.5-flash" },
  { model: "gpt-4.1" },
  { provider: "openai", model: "unknown-model" },
] as const;
const OVERRIDES: PriceOverride[] = [
  { modelPattern: "^acme-", inputPerMillion: 1, outputPerMillion: 2 },
  { model: "internal-llm", provider: "vllm", inputPerMillion: 0, outputPerMillion: 0 },
];

measure(
  "calculateCost, price table (mixed models)",
  (index) => ({
    ...(CALLS[index % CALLS.length] ?? CALLS[0]),
    usage: { input: 1_000 + index, output: 300, cached: 512 },
  }),
  (call) => {
    calculateCost({ ...call, overrides: OVERRIDES });
  },
);
measure(
  "calculateCost, pattern override",
  (index) => ({ model: "acme-large", usage: { input: 1_000 + index, output: 300 } }),
  (call) => {
    calculateCost({ ...call, overrides: OVERRIDES });
  },
);
