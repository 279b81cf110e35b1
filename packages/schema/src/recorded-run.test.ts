import { describe, expect, it } from "vitest";
import { RecordedRun } from "./recorded-run.ts";

const minimalRun = {
  trace: { id: "t1", name: "support-agent", status: "ok", startTime: "2026-01-01T00:00:00Z" },
  steps: [
    {
      id: "s1",
      parentId: null,
      kind: "llm",
      name: "plan",
      status: "ok",
      startTime: "2026-01-01T00:00:00Z",
      usage: { input: 10, output: 5 },
    },
  ],
};

describe("RecordedRun", () => {
  it("fills defaults and coerces timestamps", () => {
    const run = RecordedRun.parse(minimalRun);
    expect(run.trace.environment).toBe("production");
    expect(run.trace.startTime).toBeInstanceOf(Date);
    expect(run.steps[0]?.usage).toEqual({ input: 10, output: 5, cached: 0, reasoning: 0, estimated: false });
    expect(run.scores).toEqual([]);
  });

  it("names the field that is wrong", () => {
    const result = RecordedRun.safeParse({
      ...minimalRun,
      steps: [{ ...minimalRun.steps[0], kind: "telepathy" }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["steps", 0, "kind"]);
  });
});
