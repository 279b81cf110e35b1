import { describe, expect, it } from "vitest";
import { computeStepDepths } from "./step-depth";

describe("computeStepDepths", () => {
  it("nests children under their parents", () => {
    const depths = computeStepDepths([
      { id: "agent", parentId: null },
      { id: "llm", parentId: "agent" },
      { id: "tool", parentId: "llm" },
      { id: "second-llm", parentId: "agent" },
    ]);
    expect(Object.fromEntries(depths)).toEqual({ agent: 0, llm: 1, tool: 2, "second-llm": 1 });
  });

  it("puts a step whose parent is not loaded at the top", () => {
    expect(computeStepDepths([{ id: "orphan", parentId: "elsewhere" }]).get("orphan")).toBe(0);
  });

  it("survives a cycle", () => {
    const depths = computeStepDepths([
      { id: "a", parentId: "b" },
      { id: "b", parentId: "a" },
    ]);
    expect([...depths.keys()].sort()).toEqual(["a", "b"]);
  });
});
