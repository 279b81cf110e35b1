import type { ELK } from "elkjs/lib/elk-api";
import type { DecisionGraph } from "./decision-graph";

const GRAPH_NODE_WIDTH = 220;
const GRAPH_NODE_HEIGHT = 56;

export type GraphPositions = Map<string, { x: number; y: number }>;

const LAYOUT_OPTIONS = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.spacing.nodeNode": "16",
  "elk.layered.spacing.nodeNodeBetweenLayers": "56",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
};

let elk: Promise<ELK> | null = null;

/** One ELK for the page, its engine in a Web Worker so a large layout never blocks input. */
function loadElk(): Promise<ELK> {
  elk ??= import("elkjs/lib/elk-api").then(
    ({ default: ElkApi }) =>
      new ElkApi({
        workerFactory: () =>
          new Worker(new URL("./elk-layout.worker.ts", import.meta.url), { type: "module" }),
      }),
  );
  return elk;
}

/** Where each node of the graph sits, left to right from the run's root. */
export async function layoutDecisionGraph(graph: DecisionGraph): Promise<GraphPositions> {
  const layout = await (
    await loadElk()
  ).layout({
    id: "root",
    layoutOptions: LAYOUT_OPTIONS,
    children: graph.nodes.map((node) => ({
      id: node.id,
      width: GRAPH_NODE_WIDTH,
      height: GRAPH_NODE_HEIGHT,
    })),
    edges: graph.edges.map((edge) => ({
      id: edge.id,
      sources: [edge.source],
      targets: [edge.target],
    })),
  });
  return new Map(
    (layout.children ?? []).map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0 }]),
  );
}
