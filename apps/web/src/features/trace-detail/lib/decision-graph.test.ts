import { describe, expect, it } from "vitest";
import {
  buildDecisionGraph,
  buildRepeatNodeId,
  collapseRepeats,
  mapStepsToNodes,
  type GraphStep,
} from "./decision-graph";

function step(
  id: string,
  parentId: string | null,
  kind: string,
  name: string,
  extra: Partial<GraphStep> = {},
): GraphStep {
  return { id, parentId, kind, name, status: "ok", input: null, ...extra };
}

/** An agent that asks the model and searches with the same query, `times` times over. */
function searchLoop(times: number): GraphStep[] {
  const steps = [step("agent", null, "agent", "research-agent")];
  for (let turn = 0; turn < times; turn++) {
    steps.push(
      step(`llm-${turn}`, "agent", "llm", "chat", {
        model: "gpt-4o-mini",
        input: { messages: Array.from({ length: turn + 2 }, () => ({ role: "user" })) },
      }),
      step(`search-${turn}`, "agent", "tool", "web_search", { input: { query: "vat" } }),
    );
  }
  return steps;
}

describe("collapseRepeats", () => {
  it("collapses a run of one repeated step", () => {
    expect(collapseRepeats(["a", "b", "b", "b", "c"])).toEqual([[0], [1, 2, 3], [4]]);
  });

  it("collapses a repeated cycle, one segment per position of the cycle", () => {
    expect(collapseRepeats(["x", "a", "b", "a", "b", "a", "b"])).toEqual([
      [0],
      [1, 3, 5],
      [2, 4, 6],
    ]);
  });

  it("leaves a sequence without repeats alone", () => {
    expect(collapseRepeats(["a", "b", "c", "a"])).toEqual([[0], [1], [2], [3]]);
  });
});

describe("buildDecisionGraph", () => {
  it("collapses a repeated llm-and-search loop into two ×N nodes", () => {
    const graph = buildDecisionGraph(searchLoop(12));
    expect(graph.mode).toBe("steps");
    expect(graph.nodes.map((node) => [node.name, node.stepIds.length, node.isRepeat])).toEqual([
      ["research-agent", 1, false],
      ["chat", 12, true],
      ["web_search", 12, true],
    ]);
    expect(graph.edges.map((edge) => `${edge.source}->${edge.target}`)).toEqual([
      `agent->${buildRepeatNodeId("llm-0")}`,
      `agent->${buildRepeatNodeId("search-0")}`,
    ]);
  });

  it("expands a collapsed node into its steps on request", () => {
    const graph = buildDecisionGraph(searchLoop(3), {
      expandedRepeats: new Set([buildRepeatNodeId("search-0")]),
    });
    expect(graph.nodes.map((node) => node.id)).toEqual([
      "agent",
      buildRepeatNodeId("llm-0"),
      "search-0",
      "search-1",
      "search-2",
    ]);
  });

  it("does not collapse steps with different tool input", () => {
    const graph = buildDecisionGraph([
      step("agent", null, "agent", "a"),
      step("s1", "agent", "tool", "search", { input: { query: "one" } }),
      step("s2", "agent", "tool", "search", { input: { query: "two" } }),
    ]);
    expect(graph.nodes.every((node) => !node.isRepeat)).toBe(true);
  });

  it("folds chain and event steps into their parent", () => {
    const graph = buildDecisionGraph([
      step("agent", null, "agent", "a"),
      step("chain", "agent", "chain", "pipeline"),
      step("event", "chain", "event", "log"),
      step("tool", "chain", "tool", "lookup"),
    ]);
    expect(graph.nodes.map((node) => node.id)).toEqual(["agent", "tool"]);
    expect(graph.edges).toEqual([{ id: "agent->tool", source: "agent", target: "tool" }]);
  });

  it("counts failed steps, including inside a collapsed node", () => {
    const steps = searchLoop(2).map((candidate) =>
      candidate.id === "search-1" ? { ...candidate, status: "error" } : candidate,
    );
    const search = buildDecisionGraph(steps).nodes.find((node) => node.name === "web_search");
    expect(search?.failedCount).toBe(1);
  });

  it("aggregates by kind and name above the node budget", () => {
    const steps = [step("agent", null, "agent", "a")];
    for (let index = 0; index < 50; index++) {
      steps.push(
        step(`t${index}`, "agent", "tool", "search", { input: { query: index } }),
        step(`l${index}`, "agent", "llm", `chat-${index % 2}`, {
          status: index === 3 ? "error" : "ok",
        }),
      );
    }
    const graph = buildDecisionGraph(steps, { nodeBudget: 20 });
    expect(graph.mode).toBe("aggregated");
    expect(graph.nodes.map((node) => [node.id, node.stepIds.length, node.failedCount])).toEqual([
      ["agent:a", 1, 0],
      ["tool:search", 50, 0],
      ["llm:chat-0", 25, 0],
      ["llm:chat-1", 25, 1],
    ]);
    expect(graph.edges.map((edge) => edge.id)).toEqual([
      "agent:a->tool:search",
      "agent:a->llm:chat-0",
      "agent:a->llm:chat-1",
    ]);
  });

  it("aggregates a run of 25,000 steps instead of drawing them all", () => {
    const steps = [step("agent", null, "agent", "a")];
    for (let index = 0; index < 25_000; index++) {
      steps.push(step(`t${index}`, "agent", "tool", "search", { input: { query: index } }));
    }
    const graph = buildDecisionGraph(steps);
    expect(graph.mode).toBe("aggregated");
  });
});

describe("mapStepsToNodes", () => {
  it("finds the node each drawn step belongs to, and none for a folded step", () => {
    const graph = buildDecisionGraph([
      ...searchLoop(2),
      step("chain", "agent", "chain", "pipeline"),
    ]);
    const nodeIdByStepId = mapStepsToNodes(graph);
    expect(nodeIdByStepId.get("agent")).toBe("agent");
    expect(nodeIdByStepId.get("llm-1")).toBe(buildRepeatNodeId("llm-0"));
    expect(nodeIdByStepId.get("search-1")).toBe(buildRepeatNodeId("search-0"));
    expect(nodeIdByStepId.has("chain")).toBe(false);
  });
});
