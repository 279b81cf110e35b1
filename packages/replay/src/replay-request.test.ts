import { describe, expect, it } from "vitest";
import {
  buildRecordedRequest,
  fingerprintRequest,
  pinDeterminism,
  ReplayInputError,
  type ReplayRequest,
} from "./replay-request.ts";

const input = {
  messages: [
    { role: "system", content: "You are helpful." },
    { role: "user", content: "Hi" },
  ],
  tools: [{ name: "get_order", parameters: { type: "object" } }],
};

describe("buildRecordedRequest", () => {
  it("keeps the recorded conversation, tools and parameters", () => {
    const request = buildRecordedRequest({
      provider: "anthropic",
      model: "claude-haiku-4-5",
      modelParameters: { temperature: 0.2, max_tokens: 512, stop: ["END"] },
      input,
    });
    expect(request).toEqual({
      provider: "anthropic",
      model: "claude-haiku-4-5",
      messages: input.messages,
      tools: input.tools,
      parameters: { temperature: 0.2, max_tokens: 512, stop: ["END"] },
    });
  });

  it("defaults the provider to openai, the tools and parameters to empty", () => {
    const request = buildRecordedRequest({ model: "gpt-4o", input: { messages: input.messages } });
    expect(request.provider).toBe("openai");
    expect(request.tools).toEqual([]);
    expect(request.parameters).toEqual({});
  });

  it("names the field when the step is not an LLM call", () => {
    const build = () => buildRecordedRequest({ model: "gpt-4o", input: { query: "weather" } });
    expect(build).toThrow(ReplayInputError);
    expect(build).toThrow(/input\.messages/);
    const badRole = () =>
      buildRecordedRequest({
        model: "gpt-4o",
        input: { messages: [{ role: "bot", content: "x" }] },
      });
    expect(badRole).toThrow(/input\.messages\.0\.role/);
  });

  it("names the model when it is missing", () => {
    expect(() => buildRecordedRequest({ model: null, input })).toThrow(
      "Cannot replay this step: model is missing",
    );
  });
});

describe("fingerprintRequest", () => {
  const request: ReplayRequest = {
    provider: "openai",
    model: "gpt-4o",
    messages: [{ role: "user", content: "Hi", name: undefined }],
    tools: [],
    parameters: { temperature: 0, max_tokens: 100 },
  };

  it("is a sha256 hex digest that ignores key order and undefined fields", () => {
    const reordered = {
      parameters: { max_tokens: 100, temperature: 0 },
      tools: [],
      messages: [{ content: "Hi", role: "user" as const }],
      model: "gpt-4o",
      provider: "openai",
    };
    expect(fingerprintRequest(request)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintRequest(reordered)).toBe(fingerprintRequest(request));
  });

  it("changes with anything the provider would see", () => {
    const fingerprint = fingerprintRequest(request);
    expect(fingerprintRequest({ ...request, model: "gpt-4o-mini" })).not.toBe(fingerprint);
    expect(
      fingerprintRequest({ ...request, parameters: { ...request.parameters, temperature: 0.1 } }),
    ).not.toBe(fingerprint);
    expect(
      fingerprintRequest({ ...request, messages: [{ role: "user", content: "Hi " }] }),
    ).not.toBe(fingerprint);
  });
});

describe("pinDeterminism", () => {
  const request: ReplayRequest = {
    provider: "openai",
    model: "gpt-4o",
    messages: [{ role: "user", content: "Hi" }],
    tools: [],
    parameters: { max_tokens: 100 },
  };

  it("keeps a recorded temperature and seed", () => {
    const pinned = pinDeterminism({ ...request, parameters: { temperature: 0.7, seed: 42 } });
    expect(pinned.temperature).toBe(0.7);
    expect(pinned.seed).toBe(42);
    expect(pinned.request.parameters).toEqual({ temperature: 0.7, seed: 42 });
  });

  it("uses temperature 0 and a seed taken from the fingerprint when none was recorded", () => {
    const pinned = pinDeterminism(request);
    const expectedSeed = Number.parseInt(fingerprintRequest(request).slice(0, 8), 16) & 0x7fffffff;
    expect(pinned.temperature).toBe(0);
    expect(pinned.seed).toBe(expectedSeed);
    expect(pinned.request.parameters).toEqual({
      max_tokens: 100,
      temperature: 0,
      seed: expectedSeed,
    });
    expect(pinDeterminism(request).seed).toBe(expectedSeed);
    expect(pinDeterminism({ ...request, model: "gpt-4.1" }).seed).not.toBe(expectedSeed);
  });

  it("derives seeds that fit a signed 32-bit integer", () => {
    for (let index = 0; index < 200; index++) {
      const { seed } = pinDeterminism({ ...request, model: `model-${index}` });
      expect(seed).toBeGreaterThanOrEqual(0);
      expect(seed).toBeLessThanOrEqual(2 ** 31 - 1);
    }
  });
});
