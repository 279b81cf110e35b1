import { describe, expect, it } from "vitest";
import { mapOneSpan, mapSpans, spanId, at } from "../testing/build-export.ts";

const weatherTool = {
  type: "function",
  name: "get_weather",
  description: "Current weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

const chatAttributes = {
  "gen_ai.operation.name": "chat",
  "gen_ai.provider.name": "openai",
  "gen_ai.request.model": "gpt-4o",
  "gen_ai.response.model": "gpt-4o-2024-08-06",
  "gen_ai.response.id": "chatcmpl-123",
  "gen_ai.response.finish_reasons": ["stop"],
  "gen_ai.request.temperature": 0.2,
  "gen_ai.request.max_tokens": 1024,
  "gen_ai.request.top_p": 0.9,
  "gen_ai.request.top_k": 40,
  "gen_ai.request.frequency_penalty": 0.1,
  "gen_ai.request.presence_penalty": 0.5,
  "gen_ai.request.stop_sequences": ["END"],
  "gen_ai.request.seed": 42,
  "gen_ai.request.choice.count": 1,
  "gen_ai.usage.input_tokens": 1200,
  "gen_ai.usage.output_tokens": 80,
  "gen_ai.usage.cache_read.input_tokens": 1024,
  "gen_ai.usage.reasoning.output_tokens": 32,
  "gen_ai.conversation.id": "conv_5j66UpCpwteGg4YSxUnt7lPY",
  "gen_ai.system_instructions": JSON.stringify([
    { type: "text", content: "You are a support agent." },
  ]),
  "gen_ai.input.messages": JSON.stringify([
    { role: "user", parts: [{ type: "text", content: "Weather in Paris?" }] },
    {
      role: "assistant",
      parts: [
        { type: "tool_call", id: "call_1", name: "get_weather", arguments: { city: "Paris" } },
      ],
    },
    {
      role: "tool",
      parts: [{ type: "tool_call_response", id: "call_1", response: "rainy, 57°F" }],
    },
  ]),
  // Structured (not a JSON string), as the conventions prefer where SDKs support it.
  "gen_ai.output.messages": [
    {
      role: "assistant",
      parts: [{ type: "text", content: "It is rainy in Paris." }],
      finish_reason: "stop",
    },
  ],
  "gen_ai.tool.definitions": JSON.stringify([weatherTool]),
  "server.address": "api.openai.com",
};

describe("GenAI chat spans", () => {
  it("maps model, provider, parameters, usage, conversation and tools, and keeps the rest as attributes", () => {
    const { step, trace } = mapOneSpan({
      name: "chat gpt-4o",
      kind: 3,
      attributes: chatAttributes,
    });

    expect(step).toMatchObject({
      kind: "llm",
      name: "chat gpt-4o",
      provider: "openai",
      model: "gpt-4o",
      status: "ok",
      modelParameters: {
        temperature: 0.2,
        max_tokens: 1024,
        top_p: 0.9,
        top_k: 40,
        frequency_penalty: 0.1,
        presence_penalty: 0.5,
        stop_sequences: ["END"],
        seed: 42,
        choice_count: 1,
      },
      usage: { input: 1200, output: 80, cached: 1024, reasoning: 32 },
    });
    expect(step.input).toEqual({
      messages: [
        { role: "system", content: "You are a support agent." },
        { role: "user", content: "Weather in Paris?" },
        {
          role: "assistant",
          content: null,
          toolCalls: [{ id: "call_1", name: "get_weather", arguments: { city: "Paris" } }],
        },
        { role: "tool", content: "rainy, 57°F", toolCallId: "call_1" },
      ],
      tools: [
        {
          name: "get_weather",
          description: "Current weather for a city",
          parameters: weatherTool.parameters,
        },
      ],
    });
    expect(step.output).toEqual({
      message: { role: "assistant", content: "It is rainy in Paris." },
    });
    expect(step.attributes).toEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.response.id": "chatcmpl-123",
      "gen_ai.response.finish_reasons": ["stop"],
      "server.address": "api.openai.com",
      "otel.span.kind": "client",
      "otel.scope.name": "loupe-test",
      "otel.scope.version": "1.0.0",
      resource: { "service.name": "support-agent", "service.version": "1.4.2" },
    });
    expect(trace).toMatchObject({
      sessionId: "conv_5j66UpCpwteGg4YSxUnt7lPY",
      name: "chat gpt-4o",
      release: "support-agent@1.4.2",
    });
  });

  it("reads the deprecated names: gen_ai.system, prompt/completion tokens, and the response model when no request model", () => {
    const { step } = mapOneSpan({
      attributes: {
        "gen_ai.system": "anthropic",
        "gen_ai.response.model": "claude-sonnet-4-5",
        "gen_ai.usage.prompt_tokens": 10,
        "gen_ai.usage.completion_tokens": 5,
      },
    });
    expect(step).toMatchObject({
      kind: "llm",
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      usage: { input: 10, output: 5 },
    });
    expect(step.attributes).toMatchObject({ "gen_ai.response.model": "claude-sonnet-4-5" });
    expect(step.attributes).not.toHaveProperty("gen_ai.system");
    expect(step.attributes).not.toHaveProperty("gen_ai.usage.prompt_tokens");
  });

  it("prefers gen_ai.provider.name and keeps the deprecated gen_ai.system it did not use", () => {
    const { step } = mapOneSpan({
      attributes: { "gen_ai.provider.name": "azure.ai.openai", "gen_ai.system": "openai" },
    });
    expect(step.provider).toBe("azure.ai.openai");
    expect(step.attributes).toMatchObject({ "gen_ai.system": "openai" });
  });

  it("keeps the source attribute when a message has parts Loupe cannot represent", () => {
    const messages = JSON.stringify([
      {
        role: "user",
        parts: [
          { type: "text", content: "What is in this picture?" },
          { type: "blob", modality: "image", mime_type: "image/png", content: "iVBORw0KGgo=" },
        ],
      },
    ]);
    const { step } = mapOneSpan({
      attributes: { "gen_ai.operation.name": "chat", "gen_ai.input.messages": messages },
    });
    expect(step.input).toEqual({
      messages: [{ role: "user", content: "What is in this picture?" }],
    });
    expect(step.attributes).toMatchObject({ "gen_ai.input.messages": messages });
  });

  it("takes the first of several output choices and keeps them all in the attributes", () => {
    const choices = [
      { role: "assistant", parts: [{ type: "text", content: "Yes." }], finish_reason: "stop" },
      { role: "assistant", parts: [{ type: "text", content: "No." }], finish_reason: "stop" },
    ];
    const { step } = mapOneSpan({
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.output.messages": JSON.stringify(choices),
      },
    });
    expect(step.output).toEqual({ message: { role: "assistant", content: "Yes." } });
    expect(step.attributes).toMatchObject({
      "gen_ai.output.messages": JSON.stringify(choices),
      "gen_ai.response.finish_reasons": ["stop", "stop"],
    });
  });

  it("maps embeddings and retrieval operations", () => {
    const result = mapSpans([
      {
        spanId: spanId(1),
        attributes: {
          "gen_ai.operation.name": "embeddings",
          "gen_ai.request.model": "text-embedding-3-small",
          "gen_ai.usage.input_tokens": 7,
        },
      },
      {
        spanId: spanId(2),
        parentSpanId: spanId(1),
        attributes: {
          "gen_ai.operation.name": "retrieval",
          "gen_ai.data_source.id": "kb",
          "gen_ai.retrieval.query.text": "refund policy",
          "gen_ai.retrieval.documents": JSON.stringify([{ id: "doc_1", score: 0.9 }]),
        },
      },
    ]);
    expect(result.steps[0]).toMatchObject({
      kind: "embedding",
      model: "text-embedding-3-small",
      usage: { input: 7 },
    });
    expect(result.steps[1]).toMatchObject({
      kind: "retrieval",
      input: { query: "refund policy" },
      output: { documents: [{ id: "doc_1", score: 0.9 }] },
      attributes: { "gen_ai.data_source.id": "kb" },
    });
  });
});

describe("GenAI execute_tool spans", () => {
  it("maps the tool, its call id, and the arguments and result, parsing them when they are JSON", () => {
    const { step } = mapOneSpan({
      name: "execute_tool get_weather",
      attributes: {
        "gen_ai.operation.name": "execute_tool",
        "gen_ai.tool.name": "get_weather",
        "gen_ai.tool.call.id": "call_1",
        "gen_ai.tool.type": "function",
        "gen_ai.tool.description": "Current weather for a city",
        "gen_ai.tool.call.arguments": '{"city":"Paris"}',
        "gen_ai.tool.call.result": "rainy, 57°F",
      },
    });
    expect(step).toMatchObject({
      kind: "tool",
      name: "execute_tool get_weather",
      tool: { name: "get_weather", callId: "call_1" },
      input: { city: "Paris" },
      output: "rainy, 57°F",
    });
    expect(step.attributes).toMatchObject({
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.type": "function",
      "gen_ai.tool.description": "Current weather for a city",
    });
    expect(step.attributes).not.toHaveProperty("gen_ai.tool.call.arguments");
  });
});

describe("GenAI agent spans", () => {
  it("maps invoke_agent to an agent step whose name the steps inside it inherit", () => {
    const result = mapSpans([
      {
        spanId: spanId(1),
        name: "invoke_agent Support",
        attributes: {
          "gen_ai.operation.name": "invoke_agent",
          "gen_ai.agent.name": "Support",
          "gen_ai.agent.id": "asst_5j66",
          "gen_ai.agent.description": "Answers support questions",
        },
      },
      {
        spanId: spanId(2),
        parentSpanId: spanId(1),
        name: "chat gpt-4o",
        attributes: { "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o" },
      },
      {
        spanId: spanId(3),
        parentSpanId: spanId(2),
        name: "execute_tool lookup",
        attributes: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "lookup" },
      },
    ]);
    const [agent, chat, tool] = result.steps;
    expect(agent).toMatchObject({ kind: "agent", agentName: "Support", parentId: null });
    expect(agent?.attributes).toMatchObject({
      "gen_ai.agent.id": "asst_5j66",
      "gen_ai.agent.description": "Answers support questions",
    });
    expect(agent?.attributes).not.toHaveProperty("gen_ai.agent.name");
    expect(chat).toMatchObject({ kind: "llm", agentName: "Support", parentId: spanId(1) });
    expect(tool).toMatchObject({ kind: "tool", agentName: "Support", parentId: spanId(2) });
    expect(result.traces).toEqual([expect.objectContaining({ name: "Support", status: "ok" })]);
  });

  it("maps create_agent to an agent and invoke_workflow to a chain named by the workflow", () => {
    const result = mapSpans([
      {
        spanId: spanId(1),
        name: "invoke_workflow triage",
        attributes: {
          "gen_ai.operation.name": "invoke_workflow",
          "gen_ai.workflow.name": "triage",
        },
      },
      {
        spanId: spanId(2),
        parentSpanId: spanId(1),
        attributes: { "gen_ai.operation.name": "create_agent", "gen_ai.agent.name": "Planner" },
      },
    ]);
    expect(result.steps.map((step) => step.kind)).toEqual(["chain", "agent"]);
    expect(result.traces[0]?.name).toBe("triage");
  });
});

describe("older GenAI shapes", () => {
  it("reads flattened gen_ai.prompt.N / gen_ai.completion.N attributes and OpenLLMetry's tool list", () => {
    const { step } = mapOneSpan({
      attributes: {
        "llm.request.type": "chat",
        "gen_ai.system": "openai",
        "gen_ai.request.model": "gpt-4o-mini",
        "gen_ai.prompt.0.role": "system",
        "gen_ai.prompt.0.content": "Be brief.",
        "gen_ai.prompt.1.role": "user",
        "gen_ai.prompt.1.content": "Weather in Paris?",
        "gen_ai.prompt.2.role": "assistant",
        "gen_ai.prompt.2.tool_calls.0.id": "call_1",
        "gen_ai.prompt.2.tool_calls.0.name": "get_weather",
        "gen_ai.prompt.2.tool_calls.0.arguments": '{"city":"Paris"}',
        "gen_ai.prompt.3.role": "tool",
        "gen_ai.prompt.3.content": "rainy",
        "gen_ai.prompt.3.tool_call_id": "call_1",
        "gen_ai.completion.0.role": "assistant",
        "gen_ai.completion.0.content": "It is rainy.",
        "gen_ai.completion.0.finish_reason": "stop",
        "llm.request.functions.0.name": "get_weather",
        "llm.request.functions.0.description": "Current weather",
        "llm.request.functions.0.parameters":
          '{"type":"object","properties":{"city":{"type":"string"}}}',
      },
    });
    expect(step).toMatchObject({ kind: "llm", provider: "openai", model: "gpt-4o-mini" });
    expect(step.input).toEqual({
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Weather in Paris?" },
        {
          role: "assistant",
          content: null,
          toolCalls: [{ id: "call_1", name: "get_weather", arguments: { city: "Paris" } }],
        },
        { role: "tool", content: "rainy", toolCallId: "call_1" },
      ],
      tools: [
        {
          name: "get_weather",
          description: "Current weather",
          parameters: { type: "object", properties: { city: { type: "string" } } },
        },
      ],
    });
    expect(step.output).toEqual({ message: { role: "assistant", content: "It is rainy." } });
    expect(step.attributes).toEqual(
      expect.objectContaining({
        "llm.request.type": "chat",
        "gen_ai.response.finish_reasons": ["stop"],
      }),
    );
    expect(
      Object.keys(step.attributes ?? {}).filter((key) =>
        /^gen_ai\.(prompt|completion)|^llm\.request\.functions/.test(key),
      ),
    ).toEqual([]);
  });

  it("reads the per-message events, including Azure's gen_ai.event.content, and keeps other events", () => {
    const { step } = mapOneSpan({
      attributes: { "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o" },
      events: [
        {
          name: "gen_ai.system.message",
          attributes: { "gen_ai.system": "openai", content: "Be brief." },
        },
        { name: "gen_ai.user.message", attributes: { content: "What is 6 times 7?" } },
        {
          name: "gen_ai.assistant.message",
          attributes: {
            "gen_ai.event.content": JSON.stringify({
              content: null,
              tool_calls: [
                {
                  id: "call_1",
                  type: "function",
                  function: { name: "multiply", arguments: '{"a":6,"b":7}' },
                },
              ],
            }),
          },
        },
        { name: "gen_ai.tool.message", attributes: { content: "42", id: "call_1" } },
        { name: "retry", ms: 50, attributes: { attempt: 2 } },
        {
          name: "gen_ai.choice",
          attributes: {
            index: 0,
            finish_reason: "stop",
            message: { role: "assistant", content: "42." },
          },
        },
      ],
    });
    expect(step.input).toEqual({
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "What is 6 times 7?" },
        {
          role: "assistant",
          content: null,
          toolCalls: [{ id: "call_1", name: "multiply", arguments: { a: 6, b: 7 } }],
        },
        { role: "tool", content: "42", toolCallId: "call_1" },
      ],
    });
    expect(step.output).toEqual({ message: { role: "assistant", content: "42." } });
    expect(step.attributes?.["otel.events"]).toEqual([
      { name: "retry", time: "2024-05-01T10:00:00.050000000Z", attributes: { attempt: 2 } },
    ]);
    expect(step.attributes?.["gen_ai.response.finish_reasons"]).toEqual(["stop"]);
  });

  it("reads the operation-details event of current conventions like span attributes", () => {
    const { step } = mapOneSpan({
      attributes: { "gen_ai.operation.name": "chat" },
      events: [
        {
          name: "gen_ai.client.inference.operation.details",
          attributes: {
            "gen_ai.input.messages": [{ role: "user", parts: [{ type: "text", content: "Hi" }] }],
            "gen_ai.output.messages": [
              { role: "assistant", parts: [{ type: "text", content: "Hello!" }] },
            ],
          },
        },
      ],
    });
    expect(step.input).toEqual({ messages: [{ role: "user", content: "Hi" }] });
    expect(step.output).toEqual({ message: { role: "assistant", content: "Hello!" } });
    expect(step.attributes).not.toHaveProperty("otel.events");
  });

  it("reads the deprecated gen_ai.prompt / gen_ai.completion JSON attributes", () => {
    const { step } = mapOneSpan({
      startTimeUnixNano: at(0),
      attributes: {
        "gen_ai.prompt": JSON.stringify([{ role: "user", content: "Hi" }]),
        "gen_ai.completion": JSON.stringify([{ role: "assistant", content: "Hello!" }]),
      },
    });
    expect(step).toMatchObject({
      kind: "llm",
      input: { messages: [{ role: "user", content: "Hi" }] },
      output: { message: { role: "assistant", content: "Hello!" } },
    });
  });
});
