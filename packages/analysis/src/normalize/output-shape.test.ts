import { describe, expect, it } from "vitest";
import { compareShapes, describeOutputShape, signShape } from "./output-shape.ts";

describe("describeOutputShape", () => {
  it("records top-level keys and types", () => {
    expect(describeOutputShape({ a: 1, b: "x", c: [], d: null, e: {} })).toEqual({
      a: "number",
      b: "string",
      c: "array",
      d: "null",
      e: "object",
    });
    expect(describeOutputShape("text")).toEqual({ $: "string" });
  });

  it("signs shapes independently of key order", () => {
    expect(signShape({ b: "number", a: "string" })).toBe(signShape({ a: "string", b: "number" }));
  });
});

describe("compareShapes", () => {
  it("keeps a job status with extra fields close", () => {
    const running = describeOutputShape({ job_id: "j", status: "running", progress: 4, rows_written: 9 });
    const done = describeOutputShape({ job_id: "j", status: "completed", progress: 100, rows: 9, url: "u" });
    expect(compareShapes(running, done)).toBeGreaterThanOrEqual(0.5);
  });

  it("treats null as compatible and a changed type as different", () => {
    expect(compareShapes({ next_page: "number" }, { next_page: "null" })).toBe(1);
    expect(compareShapes({ total: "number" }, { total: "string" })).toBe(0);
  });

  it("sees a wrapped payload as a different shape", () => {
    const before = describeOutputShape({ order_id: "1", status: "ok", total: 1 });
    const after = describeOutputShape({ data: { order_id: "1" }, meta: {} });
    expect(compareShapes(before, after)).toBe(0);
  });
});
