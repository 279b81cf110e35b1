/**
 * The decision graph of a run: which step led to which. Plumbing steps (chain, event) are folded
 * into the nearest shown ancestor; runs of repeated identical siblings collapse into one "×N" node;
 * and a graph too large to lay out becomes one node per distinct kind and name.
 */

export type GraphStep = {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  status: string;
  input: unknown;
  model?: string | null;
  toolName?: string | null;
  promptName?: string | null;
  promptVersion?: number | null;
};

export type DecisionNode = {
  id: string;
  kind: string;
  name: string;
  /** The steps this node stands for, in order; the first is the one selected on click. */
  stepIds: string[];
  failedCount: number;
  /** A collapsed run of repeated steps, expandable on click. */
  isRepeat: boolean;
};

export type DecisionEdge = { id: string; source: string; target: string };

export type DecisionGraph = {
  mode: "steps" | "aggregated";
  nodes: DecisionNode[];
  edges: DecisionEdge[];
};

/** Kinds that carry no decision of their own: their children hang from their parent instead. */
const FOLDED_KINDS = new Set(["chain", "event"]);
/** Longest cycle of steps recognised as repeating (an llm call and its tool call make two). */
const MAX_REPEAT_PERIOD = 4;
const DEFAULT_NODE_BUDGET = 2_000;

/**
 * What makes two steps "the same step again". An llm call's messages grow with every turn, so it
 * is identified by model and prompt; other steps by their tool and exact input.
 */
function describeStepSignature(step: GraphStep): string {
  const detail =
    step.kind === "llm"
      ? [step.model ?? "", step.promptName ?? "", String(step.promptVersion ?? "")]
      : [step.toolName ?? "", JSON.stringify(step.input ?? null)];
  return [step.kind, step.name, ...detail].join("\u0000");
}

/**
 * Splits a sibling sequence into segments: single steps, and repeated blocks of up to
 * MAX_REPEAT_PERIOD steps, where each position of the block becomes one segment of its repeats.
 */
export function collapseRepeats(signatures: readonly string[]): number[][] {
  const segments: number[][] = [];
  let index = 0;
  while (index < signatures.length) {
    let bestPeriod = 0;
    let bestRepeats = 1;
    for (let period = 1; period <= MAX_REPEAT_PERIOD; period++) {
      let repeats = 1;
      while (blockRepeats(signatures, index, period, repeats)) repeats++;
      if (repeats >= 2 && repeats * period > bestRepeats * Math.max(bestPeriod, 1)) {
        bestPeriod = period;
        bestRepeats = repeats;
      }
    }
    if (bestPeriod === 0) {
      segments.push([index]);
      index += 1;
      continue;
    }
    for (let offset = 0; offset < bestPeriod; offset++) {
      segments.push(
        Array.from({ length: bestRepeats }, (_, repeat) => index + offset + repeat * bestPeriod),
      );
    }
    index += bestPeriod * bestRepeats;
  }
  return segments;
}

function blockRepeats(
  signatures: readonly string[],
  start: number,
  period: number,
  repeat: number,
) {
  const offset = start + repeat * period;
  if (offset + period > signatures.length) return false;
  for (let position = 0; position < period; position++) {
    if (signatures[start + position] !== signatures[offset + position]) return false;
  }
  return true;
}

/** Each shown step's children among shown steps, with folded steps skipped over. */
function buildShownTree(steps: readonly GraphStep[]) {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const shownAncestor = new Map<string, string | null>();

  function findShownAncestor(step: GraphStep): string | null {
    const path: string[] = [];
    const seen = new Set<string>([step.id]);
    let result: string | null = null;
    let parentId = step.parentId;
    while (parentId) {
      const cached = shownAncestor.get(parentId);
      if (cached !== undefined) {
        result = cached;
        break;
      }
      const parent = byId.get(parentId);
      if (!parent || seen.has(parentId)) break;
      if (!FOLDED_KINDS.has(parent.kind)) {
        result = parent.id;
        break;
      }
      seen.add(parentId);
      path.push(parentId);
      parentId = parent.parentId;
    }
    // A folded step's own shown ancestor is the same, so the walk is remembered for its siblings.
    for (const id of path) shownAncestor.set(id, result);
    return result;
  }

  const roots: GraphStep[] = [];
  const children = new Map<string, GraphStep[]>();
  for (const step of steps) {
    if (FOLDED_KINDS.has(step.kind)) continue;
    const ancestor = findShownAncestor(step);
    if (ancestor === null || ancestor === step.id) {
      roots.push(step);
      continue;
    }
    const list = children.get(ancestor);
    if (list) list.push(step);
    else children.set(ancestor, [step]);
  }
  return { roots, children };
}

function countFailed(steps: readonly GraphStep[]) {
  return steps.reduce((count, step) => count + (step.status === "error" ? 1 : 0), 0);
}

/** The id of the node a run of repeats collapses into; stable while its first step is. */
export function buildRepeatNodeId(firstStepId: string): string {
  return `repeat:${firstStepId}`;
}

export function buildDecisionGraph(
  steps: readonly GraphStep[],
  {
    expandedRepeats = new Set<string>(),
    nodeBudget = DEFAULT_NODE_BUDGET,
  }: { expandedRepeats?: ReadonlySet<string>; nodeBudget?: number } = {},
): DecisionGraph {
  const { roots, children } = buildShownTree(steps);
  const nodes: DecisionNode[] = [];
  const edges: DecisionEdge[] = [];
  const work: { parentNodeId: string | null; siblings: GraphStep[] }[] = [
    { parentNodeId: null, siblings: roots },
  ];

  function link(parentNodeId: string | null, node: DecisionNode) {
    nodes.push(node);
    if (parentNodeId) {
      edges.push({ id: `${parentNodeId}->${node.id}`, source: parentNodeId, target: node.id });
    }
  }

  for (let item = work.pop(); item; item = work.pop()) {
    if (nodes.length > nodeBudget) return aggregateDecisionGraph(steps);
    const { parentNodeId, siblings } = item;
    const segments = collapseRepeats(siblings.map(describeStepSignature));
    for (const segment of segments) {
      const members = segment.flatMap((index) => siblings[index] ?? []);
      const first = members[0];
      if (!first) continue;
      const repeatId = buildRepeatNodeId(first.id);
      if (members.length > 1 && !expandedRepeats.has(repeatId)) {
        link(parentNodeId, {
          id: repeatId,
          kind: first.kind,
          name: first.name,
          stepIds: members.map((step) => step.id),
          failedCount: countFailed(members),
          isRepeat: true,
        });
        // The children of every repeat hang from the one node, where they may collapse in turn.
        const grandchildren = members.flatMap((step) => children.get(step.id) ?? []);
        if (grandchildren.length > 0)
          work.push({ parentNodeId: repeatId, siblings: grandchildren });
        continue;
      }
      for (const step of members) {
        link(parentNodeId, {
          id: step.id,
          kind: step.kind,
          name: step.name,
          stepIds: [step.id],
          failedCount: step.status === "error" ? 1 : 0,
          isRepeat: false,
        });
        const kids = children.get(step.id);
        if (kids) work.push({ parentNodeId: step.id, siblings: kids });
      }
    }
  }
  if (nodes.length > nodeBudget) return aggregateDecisionGraph(steps);
  return { mode: "steps", nodes, edges };
}

/** The node each drawn step belongs to; a folded step belongs to none. */
export function mapStepsToNodes(graph: DecisionGraph): Map<string, string> {
  const nodeIdByStepId = new Map<string, string>();
  for (const node of graph.nodes) {
    for (const stepId of node.stepIds) nodeIdByStepId.set(stepId, node.id);
  }
  return nodeIdByStepId;
}

/** One node per distinct kind and name, with an edge wherever one ever called the other. */
function aggregateDecisionGraph(steps: readonly GraphStep[]): DecisionGraph {
  const { roots, children } = buildShownTree(steps);
  const byId = new Map(steps.map((step) => [step.id, step]));
  const nodes = new Map<string, DecisionNode>();
  const edges = new Map<string, DecisionEdge>();
  const keyOf = (step: GraphStep) => `${step.kind}:${step.name}`;

  function count(step: GraphStep) {
    const id = keyOf(step);
    const node = nodes.get(id);
    if (node) {
      node.stepIds.push(step.id);
      if (step.status === "error") node.failedCount += 1;
      return;
    }
    nodes.set(id, {
      id,
      kind: step.kind,
      name: step.name,
      stepIds: [step.id],
      failedCount: step.status === "error" ? 1 : 0,
      isRepeat: false,
    });
  }

  for (const step of roots) count(step);
  for (const [parentId, kids] of children) {
    for (const kid of kids) {
      count(kid);
      const parent = byId.get(parentId);
      if (!parent) continue;
      const source = keyOf(parent);
      const target = keyOf(kid);
      if (source === target) continue;
      const id = `${source}->${target}`;
      if (!edges.has(id)) edges.set(id, { id, source, target });
    }
  }
  return { mode: "aggregated", nodes: [...nodes.values()], edges: [...edges.values()] };
}
