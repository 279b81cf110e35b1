import { describe, expect, it } from "vitest";
import { buildStepTree, flattenStepTree, listAncestors } from "./step-tree";

const steps = [
  { id: "agent", parentId: null },
  { id: "llm", parentId: "agent" },
  { id: "tool", parentId: "llm" },
  { id: "second-llm", parentId: "agent" },
  { id: "orphan", parentId: "not-loaded" },
];

describe("flattenStepTree", () => {
  it("lists every step depth first when nothing is collapsed", () => {
    const rows = flattenStepTree(buildStepTree(steps), new Set());
    expect(rows.map((row) => `${row.depth}:${row.id}`)).toEqual([
      "0:agent",
      "1:llm",
      "2:tool",
      "1:second-llm",
      "0:orphan",
    ]);
    expect(rows[0]).toMatchObject({ hasChildren: true, isExpanded: true });
    expect(rows[2]).toMatchObject({ hasChildren: false, isExpanded: false });
  });

  it("hides a collapsed subtree", () => {
    const rows = flattenStepTree(buildStepTree(steps), new Set(["llm"]));
    expect(rows.map((row) => row.id)).toEqual(["agent", "llm", "second-llm", "orphan"]);
    expect(rows[1]).toMatchObject({ hasChildren: true, isExpanded: false });
  });

  it("handles a very deep chain without recursion", () => {
    const chain = Array.from({ length: 30_000 }, (_, index) => ({
      id: `s${index}`,
      parentId: index === 0 ? null : `s${index - 1}`,
    }));
    const rows = flattenStepTree(buildStepTree(chain), new Set());
    expect(rows).toHaveLength(30_000);
    expect(rows.at(-1)?.depth).toBe(29_999);
  });

  it("survives a cycle", () => {
    const tree = buildStepTree([
      { id: "a", parentId: "b" },
      { id: "b", parentId: "a" },
    ]);
    expect(
      flattenStepTree(tree, new Set())
        .map((row) => row.id)
        .sort(),
    ).toEqual(["a", "b"]);
  });
});

describe("listAncestors", () => {
  it("walks up to the root", () => {
    expect(listAncestors(buildStepTree(steps), "tool")).toEqual(["llm", "agent"]);
    expect(listAncestors(buildStepTree(steps), "orphan")).toEqual([]);
  });
});
