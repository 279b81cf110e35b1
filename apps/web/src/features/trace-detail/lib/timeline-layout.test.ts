import { describe, expect, it } from "vitest";
import { assignParallelLanes, buildTimeAxis } from "./timeline-layout";

const at = (ms: number) => new Date(Date.UTC(2025, 2, 1, 10) + ms);

function step(id: string, parentId: string | null, start: number, end: number | null) {
  return { id, parentId, startTime: at(start), endTime: end === null ? null : at(end) };
}

describe("assignParallelLanes", () => {
  it("keeps sequential siblings on one lane and nested steps on their own", () => {
    const lanes = assignParallelLanes([
      step("agent", null, 0, 1_000),
      step("llm-1", "agent", 0, 300),
      step("tool", "llm-1", 100, 200),
      step("llm-2", "agent", 300, 600),
    ]);
    expect(Object.fromEntries(lanes)).toEqual({ agent: 0, "llm-1": 0, tool: 0, "llm-2": 0 });
  });

  it("puts siblings that overlap on separate lanes and reuses a lane once it is free", () => {
    const lanes = assignParallelLanes([
      step("a", "agent", 0, 500),
      step("b", "agent", 100, 400),
      step("c", "agent", 200, 300),
      step("d", "agent", 450, 600),
      step("e", "agent", 600, 700),
    ]);
    expect(Object.fromEntries(lanes)).toEqual({ a: 0, b: 1, c: 2, d: 1, e: 0 });
  });

  it("treats a sibling still running as occupying its lane", () => {
    const lanes = assignParallelLanes([
      step("running", "agent", 0, null),
      step("later", "agent", 5_000, 6_000),
    ]);
    expect(lanes.get("later")).toBe(1);
  });
});

describe("buildTimeAxis", () => {
  it("ticks at round durations across the run", () => {
    expect(buildTimeAxis(2_000, 4)).toEqual([
      { offsetMs: 0, percent: 0, label: "0 ms" },
      { offsetMs: 500, percent: 25, label: "500 ms" },
      { offsetMs: 1_000, percent: 50, label: "1.00 s" },
      { offsetMs: 1_500, percent: 75, label: "1.50 s" },
      { offsetMs: 2_000, percent: 100, label: "2.00 s" },
    ]);
  });

  it("never exceeds the tick budget", () => {
    for (const totalMs of [1, 7, 999, 12_345, 3_600_000, 86_400_000]) {
      const ticks = buildTimeAxis(totalMs, 6);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(7);
      expect(ticks.at(-1)?.percent).toBeLessThanOrEqual(100);
    }
  });

  it("has a single tick for a run without duration", () => {
    expect(buildTimeAxis(0)).toEqual([{ offsetMs: 0, percent: 0, label: "0 ms" }]);
  });
});
