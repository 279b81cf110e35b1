import type { ChatMessage } from "@loupe/schema";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeProvider, startFakeProvider } from "../testing/index.ts";
import type { ReplayRequest } from "../replay-request.ts";
import { callProvider } from "./call-provider.ts";
import { ProviderError } from "./provider-error.ts";

const conversation: ChatMessage[] = [
  { role: "system", content: "You are the support assistant." },
  { role: "user", content: "Where is NW-1?" },
  {
    role: "assistant",
    content: "Let me check.",
    toolCalls: [{ id: "call_1", name: "get_order", arguments: { order_id: "NW-1" } }],
  },
  { role: "tool", content: '{"status":"shipped"}', toolCallId: "call_1", name: "get_order" },
];

const tools = [
  {
    name: "get_order",
    description: "Look an order up.",
    parameters: { type: "object", properties: { order_id: { type: "string" } } },
  },
];

function buildRequest(overrides: Partial<ReplayRequest> = {}): ReplayRequest {
  return {
    provider: "openai",
    model: "gpt-4o-mini",
    messages: conversation,
    tools,
    parameters: { temperature: 0, seed: 7, max_tokens: 256, top_p: 1, stop: ["END"] },
    ...overrides,
  };
}

let fake: FakeProvider;
let delays: number[];
const recordSleep = (milliseconds: number) => {
  delays.push(milliseconds);
  return Promise.resolve();
};

beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  delays = [];
});

function openAiConfig(overrides: { timeoutMs?: number; maxRetries?: number } = {}) {
  return { kind: "openai" as const, baseUrl: `${fake.url}/v1`, apiKey: "sk-test", ...overrides };
}

function anthropicConfig() {
  return { kind: "anthropic" as const, baseUrl: fake.url, apiKey: "sk-ant-test" };
}

describe("callProvider with an OpenAI-compatible provider", () => {
  it("maps messages, tool calls, tool results, tools and parameters to chat completions", async () => {
    const result = await callProvider(openAiConfig(), buildRequest(), { sleep: recordSleep });
    const [sent] = fake.requests;
    expect(sent?.path).toBe("/v1/chat/completions");
    expect(sent?.headers.authorization).toBe("Bearer sk-test");
    expect(sent?.body).toEqual({
      model: "gpt-4o-mini",
      temperature: 0,
      seed: 7,
      max_tokens: 256,
      top_p: 1,
      stop: ["END"],
      messages: [
        { role: "system", content: "You are the support assistant." },
        { role: "user", content: "Where is NW-1?" },
        {
          role: "assistant",
          content: "Let me check.",
          tool_calls: [
            {
              id: "call_1",
              type: "function",
              function: { name: "get_order", arguments: '{"order_id":"NW-1"}' },
            },
          ],
        },
        { role: "tool", content: '{"status":"shipped"}', tool_call_id: "call_1" },
      ],
      tools: [
        {
          type: "function",
          function: {
            name: "get_order",
            description: "Look an order up.",
            parameters: { type: "object", properties: { order_id: { type: "string" } } },
          },
        },
      ],
    });
    expect(result.message).toEqual({
      role: "assistant",
      content: expect.stringMatching(
        /^Replayed with gpt-4o-mini: [0-9a-f]{8} You are the support assistant\.$/,
      ),
    });
    expect(result.usage.input).toBeGreaterThan(0);
    expect(result.usage.output).toBeGreaterThan(0);
    expect(result.attempts).toBe(1);
    expect(result.raw).toMatchObject({ object: "chat.completion" });
  });

  it("answers the same request the same way and a changed prompt differently", async () => {
    const first = await callProvider(openAiConfig(), buildRequest());
    const again = await callProvider(openAiConfig(), buildRequest());
    const changed = await callProvider(
      openAiConfig(),
      buildRequest({
        messages: [{ role: "system", content: "You are terse." }, ...conversation.slice(1)],
      }),
    );
    expect(again.message).toEqual(first.message);
    expect(again.usage).toEqual(first.usage);
    expect(changed.message.content).not.toBe(first.message.content);
  });

  it("parses a tool call's JSON arguments into an object", async () => {
    const result = await callProvider(
      openAiConfig(),
      buildRequest({
        messages: [
          { role: "system", content: 'Look it up. [call:get_order {"order_id": "NW-9"}]' },
          { role: "user", content: "Where is NW-9?" },
        ],
      }),
    );
    expect(result.message).toEqual({
      role: "assistant",
      content: null,
      toolCalls: [
        { id: expect.stringMatching(/^call_/), name: "get_order", arguments: { order_id: "NW-9" } },
      ],
    });
  });

  it("leaves out a recorded stream flag, since the answer must come back as one JSON body", async () => {
    await callProvider(
      openAiConfig(),
      buildRequest({ parameters: { stream: true, temperature: 0 } }),
    );
    expect(fake.requests[0]?.body).not.toHaveProperty("stream");
  });

  it.each(["o4-mini", "o3", "gpt-5-mini"])(
    "sends %s max_completion_tokens and none of the sampling settings reasoning models refuse",
    async (model) => {
      await callProvider(openAiConfig(), buildRequest({ model }));
      const sent = fake.requests[0]?.body as Record<string, unknown>;
      expect(sent).toMatchObject({ model, max_completion_tokens: 256, seed: 7, stop: ["END"] });
      for (const refused of ["max_tokens", "temperature", "top_p"]) expect(sent).not.toHaveProperty(refused);
    },
  );

  it("keeps the sampling settings of models that take them", async () => {
    await callProvider(openAiConfig(), buildRequest({ model: "gpt-5-chat-latest" }));
    expect(fake.requests[0]?.body).toMatchObject({ max_tokens: 256, temperature: 0, top_p: 1 });
  });
});

describe("callProvider with Anthropic", () => {
  it("moves system messages up, sends tool calls as tool_use and results as tool_result", async () => {
    const result = await callProvider(
      anthropicConfig(),
      buildRequest({ provider: "anthropic", model: "claude-haiku-4-5" }),
    );
    const [sent] = fake.requests;
    expect(sent?.path).toBe("/v1/messages");
    expect(sent?.headers["x-api-key"]).toBe("sk-ant-test");
    expect(sent?.headers["anthropic-version"]).toBe("2023-06-01");
    expect(sent?.body).toEqual({
      model: "claude-haiku-4-5",
      max_tokens: 256,
      temperature: 0,
      top_p: 1,
      stop_sequences: ["END"],
      system: "You are the support assistant.",
      messages: [
        { role: "user", content: [{ type: "text", text: "Where is NW-1?" }] },
        {
          role: "assistant",
          content: [
            { type: "text", text: "Let me check." },
            { type: "tool_use", id: "call_1", name: "get_order", input: { order_id: "NW-1" } },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "call_1", content: '{"status":"shipped"}' },
          ],
        },
      ],
      tools: [
        {
          name: "get_order",
          description: "Look an order up.",
          input_schema: { type: "object", properties: { order_id: { type: "string" } } },
        },
      ],
    });
    expect(result.message.content).toMatch(/^Replayed with claude-haiku-4-5: [0-9a-f]{8} You are/);
    expect(result.usage.input).toBeGreaterThan(0);
  });

  it("defaults max_tokens when the recording has none and merges parallel tool results", async () => {
    const parallel: ChatMessage[] = [
      { role: "user", content: "Check NW-1 and NW-2" },
      {
        role: "assistant",
        content: null,
        toolCalls: [
          { id: "a", name: "get_order", arguments: '{"order_id":"NW-1"}' },
          { id: "b", name: "get_order", arguments: { order_id: "NW-2" } },
        ],
      },
      { role: "tool", content: "shipped", toolCallId: "a" },
      { role: "tool", content: "delivered", toolCallId: "b" },
    ];
    await callProvider(
      anthropicConfig(),
      buildRequest({
        model: "claude-haiku-4-5",
        messages: parallel,
        tools: [],
        parameters: { seed: 3 },
      }),
    );
    expect(fake.requests[0]?.body).toEqual({
      model: "claude-haiku-4-5",
      max_tokens: 1024,
      messages: [
        { role: "user", content: [{ type: "text", text: "Check NW-1 and NW-2" }] },
        {
          role: "assistant",
          content: [
            { type: "tool_use", id: "a", name: "get_order", input: { order_id: "NW-1" } },
            { type: "tool_use", id: "b", name: "get_order", input: { order_id: "NW-2" } },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "a", content: "shipped" },
            { type: "tool_result", tool_use_id: "b", content: "delivered" },
          ],
        },
      ],
    });
  });

  it("returns a tool_use reply as a parsed tool call", async () => {
    const result = await callProvider(
      anthropicConfig(),
      buildRequest({
        model: "claude-haiku-4-5",
        messages: [
          { role: "system", content: '[call:create_refund {"order_id":"NW-1","amount":42}]' },
          { role: "user", content: "Refund me" },
        ],
      }),
    );
    expect(result.message.toolCalls).toEqual([
      {
        id: expect.stringMatching(/^call_/),
        name: "create_refund",
        arguments: { order_id: "NW-1", amount: 42 },
      },
    ]);
  });
});

describe("callProvider retries", () => {
  it("retries a 429 after the provider's Retry-After and then succeeds", async () => {
    fake.failNext(429);
    const result = await callProvider(openAiConfig(), buildRequest(), { sleep: recordSleep });
    expect(result.attempts).toBe(2);
    expect(delays).toEqual([1000]);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.body).toEqual(fake.requests[0]?.body);
  });

  it("backs off exponentially on 500s and gives up after maxRetries", async () => {
    fake.failNext(500, 3);
    const failure = await callProvider(openAiConfig({ maxRetries: 2 }), buildRequest(), {
      sleep: recordSleep,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ status: 500, attempts: 3, retryable: true });
    expect((failure as ProviderError).message).toBe(
      "OpenAI-compatible provider failed after 3 attempts with 500: The server had an error while processing your request.",
    );
    expect(delays).toEqual([500, 1000]);
  });

  it("retries a request that times out and succeeds on the next attempt", async () => {
    fake.failNext("timeout");
    const result = await callProvider(
      { ...anthropicConfig(), timeoutMs: 100 },
      buildRequest({ model: "claude-haiku-4-5" }),
      { sleep: recordSleep },
    );
    expect(result.attempts).toBe(2);
    expect(result.message.content).toMatch(/^Replayed with claude-haiku-4-5/);
    expect(fake.requests).toHaveLength(2);
  });

  it("reports a timeout on every attempt as a retryable failure without a status", async () => {
    fake.failNext("timeout", 2);
    const failure = await callProvider(
      openAiConfig({ timeoutMs: 100, maxRetries: 1 }),
      buildRequest(),
      {
        sleep: recordSleep,
      },
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ status: undefined, attempts: 2, retryable: true });
    expect((failure as ProviderError).message).toContain("no answer within 100 ms");
  });

  it("does not retry a 400 and quotes the provider's message", async () => {
    fake.failNext(400);
    const failure = await callProvider(openAiConfig(), buildRequest(), {
      sleep: recordSleep,
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 400, attempts: 1, retryable: false });
    expect((failure as ProviderError).message).toBe(
      "OpenAI-compatible provider failed after 1 attempt with 400: Invalid request: the fake provider was told to reject this request.",
    );
    expect(fake.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("rejects a config without an API key before calling anything", async () => {
    const failure = await callProvider({ ...anthropicConfig(), apiKey: "" }, buildRequest()).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ name: "ZodError" });
    expect(fake.requests).toHaveLength(0);
  });

  it("retries a network error through the injected fetch", async () => {
    let calls = 0;
    const flakyFetch: typeof fetch = (input, init) => {
      calls++;
      return calls === 1 ? Promise.reject(new TypeError("fetch failed")) : fetch(input, init);
    };
    const result = await callProvider(openAiConfig(), buildRequest(), {
      fetch: flakyFetch,
      sleep: recordSleep,
    });
    expect(result.attempts).toBe(2);
    expect(delays).toEqual([500]);
  });

  it("caps a Retry-After that asks for longer than a replay should wait", async () => {
    let calls = 0;
    const rateLimitedOnce: typeof fetch = (input, init) =>
      ++calls === 1
        ? Promise.resolve(
            new Response('{"error":{"message":"slow down"}}', {
              status: 429,
              headers: { "retry-after": "3600" },
            }),
          )
        : fetch(input, init);
    await callProvider(openAiConfig(), buildRequest(), {
      fetch: rateLimitedOnce,
      sleep: recordSleep,
    });
    expect(delays).toEqual([30_000]);
  });

  it("measures latency with the injected clock", async () => {
    let tick = 0;
    const result = await callProvider(openAiConfig(), buildRequest(), { now: () => (tick += 250) });
    expect(result.latencyMs).toBe(250);
  });
});
