import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeFailure = 429 | 500 | "timeout" | 400;

export type FakeProvider = {
  /** `${url}/v1` is an OpenAI base URL; `url` itself is an Anthropic one. */
  url: string;
  /** Every request received, failed ones included, in arrival order. */
  requests: { path: string; headers: IncomingHttpHeaders; body: unknown }[];
  /** Makes the next `times` requests fail; "timeout" never answers, so the client's timeout fires. */
  failNext(failure: FakeFailure, times?: number): void;
  close(): Promise<void>;
};

type Reply = { text: string; toolCall?: { id: string; name: string; arguments: unknown } };
type Usage = { input: number; output: number };

const OPENAI_PATH = "/v1/chat/completions";
const ANTHROPIC_PATH = "/v1/messages";
const SYSTEM_EXCERPT_LENGTH = 60;
// `[call:tool_name {"json": "arguments"}]` in the system prompt makes the reply that tool call.
const CALL_MARKER = /\[call:([\w.-]+)\s*(\{.*?\})\]/s;

function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 8);
}

function countTokens(value: unknown): number {
  return Math.ceil(JSON.stringify(value).length / 4);
}

/** A reply that depends only on the request, so the same request always gets the same answer. */
function composeReply(model: string, system: string, conversation: unknown): Reply | string {
  const id = digest({ model, system, conversation });
  const marker = CALL_MARKER.exec(system);
  if (marker) {
    try {
      const args = JSON.parse(marker[2] ?? "") as unknown;
      return { text: "", toolCall: { id: `call_${id}`, name: marker[1] ?? "", arguments: args } };
    } catch {
      return `The [call:...] marker in the system prompt does not hold JSON: ${marker[2]}`;
    }
  }
  return { text: `Replayed with ${model}: ${id} ${system.slice(0, SYSTEM_EXCERPT_LENGTH)}` };
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

function answerOpenAi(body: Record<string, unknown>): { status: number; body: unknown } {
  const messages = Array.isArray(body.messages) ? (body.messages as Record<string, unknown>[]) : [];
  const system = messages
    .filter((message) => message.role === "system")
    .map((message) => String(message.content))
    .join("\n");
  const model = String(body.model);
  const reply = composeReply(model, system, messages);
  if (typeof reply === "string") return { status: 400, body: { error: { message: reply } } };
  const usage: Usage = { input: countTokens(messages), output: countTokens(reply) };
  return {
    status: 200,
    body: {
      id: `chatcmpl-${digest(body)}`,
      object: "chat.completion",
      model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: reply.toolCall ? null : reply.text,
            ...(reply.toolCall
              ? {
                  tool_calls: [
                    {
                      id: reply.toolCall.id,
                      type: "function",
                      function: {
                        name: reply.toolCall.name,
                        arguments: JSON.stringify(reply.toolCall.arguments),
                      },
                    },
                  ],
                }
              : {}),
          },
          finish_reason: reply.toolCall ? "tool_calls" : "stop",
        },
      ],
      usage: {
        prompt_tokens: usage.input,
        completion_tokens: usage.output,
        total_tokens: usage.input + usage.output,
      },
    },
  };
}

function anthropicError(message: string): unknown {
  return { type: "error", error: { type: "invalid_request_error", message } };
}

function answerAnthropic(body: Record<string, unknown>): { status: number; body: unknown } {
  if (typeof body.max_tokens !== "number")
    return { status: 400, body: anthropicError("max_tokens: Field required") };
  const system = typeof body.system === "string" ? body.system : "";
  const model = String(body.model);
  const reply = composeReply(model, system, body.messages);
  if (typeof reply === "string") return { status: 400, body: anthropicError(reply) };
  const usage: Usage = {
    input: countTokens({ system, messages: body.messages }),
    output: countTokens(reply),
  };
  return {
    status: 200,
    body: {
      id: `msg_${digest(body)}`,
      type: "message",
      role: "assistant",
      model,
      content: reply.toolCall
        ? [
            {
              type: "tool_use",
              id: reply.toolCall.id,
              name: reply.toolCall.name,
              input: reply.toolCall.arguments,
            },
          ]
        : [{ type: "text", text: reply.text }],
      stop_reason: reply.toolCall ? "tool_use" : "end_turn",
      usage: { input_tokens: usage.input, output_tokens: usage.output },
    },
  };
}

function checkCredentials(path: string, headers: IncomingHttpHeaders): string | null {
  if (path === OPENAI_PATH)
    return headers.authorization?.startsWith("Bearer ") ? null : "Missing bearer token";
  if (!headers["x-api-key"]) return "x-api-key header is required";
  return headers["anthropic-version"] ? null : "anthropic-version header is required";
}

function sendFailure(response: ServerResponse, failure: Exclude<FakeFailure, "timeout">): void {
  const messages = {
    429: "Rate limit reached for requests. Please try again in 1s.",
    500: "The server had an error while processing your request.",
    400: "Invalid request: the fake provider was told to reject this request.",
  };
  sendJson(
    response,
    failure,
    { error: { message: messages[failure] } },
    failure === 429 ? { "retry-after": "1" } : {},
  );
}

/**
 * A local stand-in for OpenAI and Anthropic: real HTTP, deterministic answers, and failures on
 * request, so retry and timeout handling is tested against the wire rather than a mocked fetch.
 */
export async function startFakeProvider(): Promise<FakeProvider> {
  const requests: FakeProvider["requests"] = [];
  const failures: FakeFailure[] = [];

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "";
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        sendJson(response, 400, { error: { message: "The body is not JSON" } });
        return;
      }
      requests.push({ path, headers: request.headers, body });

      const failure = failures.shift();
      if (failure === "timeout") return;
      if (failure !== undefined) return sendFailure(response, failure);
      if (request.method !== "POST" || (path !== OPENAI_PATH && path !== ANTHROPIC_PATH))
        return sendJson(response, 404, {
          error: { message: `No route for ${request.method} ${path}` },
        });
      const credentialsProblem = checkCredentials(path, request.headers);
      if (credentialsProblem)
        return sendJson(response, 401, { error: { message: credentialsProblem } });
      const answer =
        path === OPENAI_PATH
          ? answerOpenAi(body as Record<string, unknown>)
          : answerAnthropic(body as Record<string, unknown>);
      sendJson(response, answer.status, answer.body);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(failure, times = 1) {
      for (let count = 0; count < times; count++) failures.push(failure);
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        // Held "timeout" responses would otherwise keep the server open.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
