import { describe, expect, it } from "vitest";
import { buildSteps, findKinds, kindsOf } from "../testing/build-steps.ts";

const attempt = (statusMessage?: string) => ({
  name: "crm_update_deal",
  input: { deal_id: "d1" },
  ...(statusMessage ? { status: "error" as const, statusMessage } : { output: { updated: true } }),
});

describe("retry-storm detector", () => {
  it("flags a 401 retried again and again", () => {
    const steps = buildSteps(Array.from({ length: 5 }, () => attempt("401 Unauthorized: invalid_credentials")));
    const findings = findKinds(steps, { trace: { name: "t", status: "error" } });
    expect(kindsOf(findings)).toEqual(["retry_storm"]);
    expect(findings[0]?.evidence).toMatchObject({ attempts: 5, errorClass: "non_retryable" });
  });

  it("ignores 503s retried with backoff that then succeed", () => {
    const unavailable = "503 Service Unavailable: retry after 1s";
    const steps = buildSteps([attempt(unavailable), attempt(unavailable), attempt(unavailable), attempt()]);
    expect(findKinds(steps)).toEqual([]);
  });

  it("ignores one non-retryable error that is not retried", () => {
    const steps = buildSteps([attempt("404 Not Found")]);
    expect(kindsOf(findKinds(steps, { trace: { name: "t", status: "error" } }))).toEqual([]);
  });
});
