import type { RecordedStep } from "@loupe/schema";
import { describe, expect, it } from "vitest";
import { classifyError, extractStatusCode, findDisguisedError } from "./classify-error.ts";

describe("classifyError", () => {
  it.each([
    ['401 Unauthorized: {"error":"invalid_credentials"}', "non_retryable"],
    ["403 Forbidden", "non_retryable"],
    ["Invalid argument: order_id must match NW-\\d+", "non_retryable"],
    ["Order NW-1 not found", "non_retryable"],
    ["503 Service Unavailable: retry after 1s", "retryable"],
    ["429 Too Many Requests", "retryable"],
    ["Request timed out after 30s", "retryable"],
    ["something odd happened", "unknown"],
  ] as const)("%s is %s", (message, expected) => {
    expect(classifyError(message)).toBe(expected);
  });

  it("prefers an explicit status code", () => {
    expect(classifyError("whatever", 404)).toBe("non_retryable");
  });

  it("does not read numbers inside versions or amounts as codes", () => {
    expect(extractStatusCode("version 2.404.1")).toBeNull();
    expect(extractStatusCode("HTTP 502 Bad Gateway")).toBe(502);
  });
});

function toolStep(name: string, output: unknown, kind: RecordedStep["kind"] = "tool"): RecordedStep {
  return {
    id: "s1",
    parentId: null,
    kind,
    name,
    status: "ok",
    startTime: new Date(0),
    tool: { name },
    output,
    attributes: {},
  };
}

describe("findDisguisedError", () => {
  it("finds failures inside successful steps", () => {
    expect(findDisguisedError(toolStep("charge", { error: "card declined" }))).toContain("card declined");
    expect(findDisguisedError(toolStep("charge", { http_status: 500 }))).toBe("http_status 500");
    expect(findDisguisedError(toolStep("charge", { ok: false }))).not.toBeNull();
    expect(findDisguisedError(toolStep("web_search", { results: [] }))).toBe("empty search result");
    expect(findDisguisedError(toolStep("kb", { documents: [] }, "retrieval"))).toBe("empty search result");
    const graphql = { data: { updateAddress: null }, errors: [{ message: "Order already shipped", path: ["updateAddress"] }] };
    expect(findDisguisedError(toolStep("update_address", graphql))).toBe("GraphQL error: Order already shipped");
  });

  it("leaves healthy outputs alone", () => {
    expect(findDisguisedError(toolStep("validate", { valid: true, errors: [] }))).toBeNull();
    expect(findDisguisedError(toolStep("validate_address", { valid: false, errors: ["postcode does not match city"] }))).toBeNull();
    expect(findDisguisedError(toolStep("lookup_employee", { data: { employee: { id: "e1" } }, errors: [] }))).toBeNull();
    expect(findDisguisedError(toolStep("list_invoices", { invoices: [] }))).toBeNull();
    expect(findDisguisedError(toolStep("get_order", { status: "delivered", http_status: 200 }))).toBeNull();
  });
});
