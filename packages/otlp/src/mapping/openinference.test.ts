import { describe, expect, it } from "vitest";
import { mapOneSpan, mapSpans, spanId } from "../testing/build-export.ts";

const lookupOrderSchema = {
  type: "function",
  function: {
    name: "lookup_order",
    description: "Finds an order by id",
    parameters: { type: "object", properties: { order_id: { type: "string" } } },
  },
};

describe("OpenInference LLM spans", () => {
  it("maps flattened messages with tool calls, tools, token counts, invocation parameters and cost", () => {
    const inputValue = JSON.stringify({ model: "gpt-4o", messages: [] });
    const { step } = mapOneSpan({
      name: "ChatCompletion",
      attributes: {
        "openinference.span.kind": "LLM",
        "llm.model_name": "gpt-4o",
        "llm.provider": "azure",
        "llm.system": "openai",
        "llm.invocation_parameters": '{"temperature":0.1,"max_tokens":256}',
        "llm.input_messages.0.message.role": "system",
        "llm.input_messages.0.message.content": "You track orders.",
        "llm.input_messages.1.message.role": "user",
        "llm.input_messages.1.message.contents.0.message_content.type": "text",
        "llm.input_messages.1.message.contents.0.message_content.text": "Where is order A1?",
        "llm.input_messages.2.message.role": "assistant",
        "llm.input_messages.2.message.tool_calls.0.tool_call.id": "call_9",
        "llm.input_messages.2.message.tool_calls.0.tool_call.function.name": "lookup_order",
        "llm.input_messages.2.message.tool_calls.0.tool_call.function.arguments":
          '{"order_id":"A1"}',
        "llm.input_messages.3.message.role": "tool",
        "llm.input_messages.3.message.content": '{"status":"shipped"}',
        "llm.input_messages.3.message.tool_call_id": "call_9",
        "llm.output_messages.0.message.role": "assistant",
        "llm.output_messages.0.message.content": "Order A1 has shipped.",
        "llm.tools.0.tool.json_schema": JSON.stringify(lookupOrderSchema),
        "llm.token_count.prompt": 300,
        "llm.token_count.completion": 20,
        "llm.token_count.total": 320,
        "llm.token_count.prompt_details.cache_read": 256,
        "llm.token_count.completion_details.reasoning": 4,
        "llm.cost.total": 0.0012,
        "input.value": inputValue,
        "input.mime_type": "application/json",
      },
    });
    expect(step).toMatchObject({
      kind: "llm",
      model: "gpt-4o",
      provider: "azure",
      modelParameters: { temperature: 0.1, max_tokens: 256 },
      usage: { input: 300, output: 20, cached: 256, reasoning: 4 },
      cost: 0.0012,
    });
    expect(step.input).toEqual({
      messages: [
        { role: "system", content: "You track orders." },
        { role: "user", content: "Where is order A1?" },
        {
          role: "assistant",
          content: null,
          toolCalls: [{ id: "call_9", name: "lookup_order", arguments: { order_id: "A1" } }],
        },
        { role: "tool", content: '{"status":"shipped"}', toolCallId: "call_9" },
      ],
      tools: [
        {
          name: "lookup_order",
          description: "Finds an order by id",
          parameters: lookupOrderSchema.function.parameters,
        },
      ],
    });
    expect(step.output).toEqual({
      message: { role: "assistant", content: "Order A1 has shipped." },
    });
    // The raw request and the derivable total stay; everything mapped is gone.
    expect(step.attributes).toEqual({
      "openinference.span.kind": "LLM",
      "llm.system": "openai",
      "llm.token_count.total": 320,
      "input.value": inputValue,
      "input.mime_type": "application/json",
      "otel.span.kind": "internal",
      "otel.scope.name": "loupe-test",
      "otel.scope.version": "1.0.0",
      resource: { "service.name": "support-agent", "service.version": "1.4.2" },
    });
  });

  it("maps completions-API prompts and choices", () => {
    const { step } = mapOneSpan({
      attributes: {
        "openinference.span.kind": "LLM",
        "llm.prompts.0.prompt.text": "def fib(n):",
        "llm.choices.0.completion.text": " return n",
      },
    });
    expect(step.input).toEqual({ messages: [{ role: "user", content: "def fib(n):" }] });
    expect(step.output).toEqual({ message: { role: "assistant", content: " return n" } });
  });

  it("keeps an image message's flattened attributes beside the text Loupe could map", () => {
    const { step } = mapOneSpan({
      attributes: {
        "openinference.span.kind": "LLM",
        "llm.input_messages.0.message.role": "user",
        "llm.input_messages.0.message.contents.0.message_content.type": "text",
        "llm.input_messages.0.message.contents.0.message_content.text": "What is this?",
        "llm.input_messages.0.message.contents.1.message_content.type": "image",
        "llm.input_messages.0.message.contents.1.message_content.image.image.url":
          "https://example.com/cat.png",
      },
    });
    expect(step.input).toEqual({ messages: [{ role: "user", content: "What is this?" }] });
    expect(step.attributes).toMatchObject({
      "llm.input_messages.0.message.contents.1.message_content.image.image.url":
        "https://example.com/cat.png",
    });
  });
});

describe("OpenInference retriever, reranker, embedding and tool spans", () => {
  it("maps retrieved documents to the output, metadata parsed, and the query to the input", () => {
    const { step } = mapOneSpan({
      name: "retrieve",
      attributes: {
        "openinference.span.kind": "RETRIEVER",
        "input.value": "how do refunds work?",
        "input.mime_type": "text/plain",
        "retrieval.documents.0.document.id": "kb-1",
        "retrieval.documents.0.document.content": "Refunds take 5 days.",
        "retrieval.documents.0.document.score": 0.92,
        "retrieval.documents.0.document.metadata": '{"source":"help-center"}',
        "retrieval.documents.1.document.id": "kb-2",
        "retrieval.documents.1.document.content": "Returns are free.",
        "retrieval.documents.1.document.score": 0.81,
      },
    });
    expect(step).toMatchObject({
      kind: "retrieval",
      input: "how do refunds work?",
      output: {
        documents: [
          {
            id: "kb-1",
            content: "Refunds take 5 days.",
            score: 0.92,
            metadata: { source: "help-center" },
          },
          { id: "kb-2", content: "Returns are free.", score: 0.81 },
        ],
      },
    });
    expect(
      Object.keys(step.attributes ?? {}).filter(
        (key) => key.startsWith("retrieval.") || key.startsWith("input."),
      ),
    ).toEqual([]);
  });

  it("maps rerankers, embeddings and tools", () => {
    const result = mapSpans([
      {
        spanId: spanId(1),
        attributes: {
          "openinference.span.kind": "RERANKER",
          "reranker.model_name": "cross-encoder",
          "reranker.query": "refunds",
          "reranker.input_documents.0.document.id": "a",
          "reranker.input_documents.1.document.id": "b",
          "reranker.output_documents.0.document.id": "b",
        },
      },
      {
        spanId: spanId(2),
        attributes: {
          "openinference.span.kind": "EMBEDDING",
          "embedding.model_name": "text-embedding-3-small",
          "embedding.embeddings.0.embedding.text": "refunds",
          "embedding.embeddings.0.embedding.vector": [0.1, 0.2],
        },
      },
      {
        spanId: spanId(3),
        name: "lookup_order",
        attributes: {
          "openinference.span.kind": "TOOL",
          "tool.name": "lookup_order",
          "tool.parameters": '{"type":"object"}',
          "tool_call.id": "call_9",
          "input.value": '{"order_id":"A1"}',
          "input.mime_type": "application/json",
          "output.value": "shipped",
        },
      },
    ]);
    const [reranker, embedding, tool] = result.steps;
    expect(reranker).toMatchObject({
      kind: "retrieval",
      model: "cross-encoder",
      input: { query: "refunds", documents: [{ id: "a" }, { id: "b" }] },
      output: { documents: [{ id: "b" }] },
    });
    expect(embedding).toMatchObject({
      kind: "embedding",
      model: "text-embedding-3-small",
      input: { texts: ["refunds"] },
    });
    expect(embedding?.attributes).toMatchObject({
      "embedding.embeddings.0.embedding.vector": [0.1, 0.2],
    });
    expect(tool).toMatchObject({
      kind: "tool",
      tool: { name: "lookup_order", callId: "call_9" },
      input: { order_id: "A1" },
      output: "shipped",
      attributes: { "tool.parameters": '{"type":"object"}' },
    });
  });

  it("maps guardrails, evaluators and agents", () => {
    const result = mapSpans([
      {
        spanId: spanId(1),
        attributes: { "openinference.span.kind": "AGENT", "agent.name": "triage" },
      },
      {
        spanId: spanId(2),
        parentSpanId: spanId(1),
        attributes: { "openinference.span.kind": "GUARDRAIL" },
      },
      {
        spanId: spanId(3),
        parentSpanId: spanId(1),
        attributes: { "openinference.span.kind": "EVALUATOR" },
      },
    ]);
    expect(result.steps.map(({ kind, agentName }) => ({ kind, agentName }))).toEqual([
      { kind: "agent", agentName: "triage" },
      { kind: "guardrail", agentName: "triage" },
      { kind: "validation", agentName: "triage" },
    ]);
  });
});

describe("OpenInference trace attributes", () => {
  it("puts the root's session, user, metadata, tags and values on the trace", () => {
    const result = mapSpans([
      {
        spanId: spanId(1),
        name: "agent-run",
        attributes: {
          "openinference.span.kind": "CHAIN",
          "session.id": "sess-1",
          "user.id": "user-7",
          metadata: '{"tier":"gold"}',
          "tag.tags": ["vip", "shipping"],
          "input.value": '{"question":"Where is my order?"}',
          "input.mime_type": "application/json",
          "output.value": "It shipped.",
        },
      },
      {
        spanId: spanId(2),
        parentSpanId: spanId(1),
        attributes: { "openinference.span.kind": "LLM", "session.id": "sess-1" },
      },
    ]);
    expect(result.traces).toEqual([
      {
        id: expect.any(String),
        startTime: "2024-05-01T10:00:00.000000000Z",
        endTime: "2024-05-01T10:00:00.100000000Z",
        name: "agent-run",
        status: "ok",
        sessionId: "sess-1",
        userId: "user-7",
        tags: ["vip", "shipping"],
        metadata: { tier: "gold" },
        release: "support-agent@1.4.2",
        input: { question: "Where is my order?" },
        output: "It shipped.",
      },
    ]);
    for (const step of result.steps) {
      expect(step.attributes).not.toHaveProperty("session.id");
      expect(step.attributes).not.toHaveProperty("metadata");
    }
  });
});
