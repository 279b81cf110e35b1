"use client";

import {
  Background,
  Controls,
  Handle,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
  type ReactFlowInstance,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useEffect, useMemo, useRef, useState } from "react";
import { formatInteger } from "@/lib/format";
import {
  buildDecisionGraph,
  mapStepsToNodes,
  type DecisionGraph,
  type DecisionNode,
  type GraphStep,
} from "../lib/decision-graph";
import { layoutDecisionGraph, type GraphPositions } from "../lib/layout-decision-graph";
import styles from "./decision-graph-view.module.css";
import { FindingMarker } from "./finding-marker";
import { StepKind } from "./step-kind";
import viewStyles from "./step-view.module.css";

type DecisionFlowNode = Node<
  {
    node: DecisionNode;
    isSelected: boolean;
    isAggregated: boolean;
    isFlagged: boolean;
    isFirstSuspicious: boolean;
  },
  "decision"
>;

const MARKER_TITLES = {
  firstSuspicious: "Holds the earliest step a finding points at",
  flagged: "A finding names a step of this node",
};

function DecisionNodeCard({ data }: NodeProps<DecisionFlowNode>) {
  const { node, isSelected, isAggregated, isFlagged, isFirstSuspicious } = data;
  const count = node.stepIds.length;
  return (
    <div
      className={styles.node}
      data-testid="graph-node"
      data-kind={node.kind}
      data-failed={node.failedCount > 0 ? "true" : undefined}
      data-selected={isSelected ? "true" : undefined}
      data-repeat={node.isRepeat ? "true" : undefined}
      data-flagged={isFlagged ? "true" : undefined}
      data-first-suspicious={isFirstSuspicious ? "true" : undefined}
      title={
        node.isRepeat
          ? `${node.name}: ${count} identical steps in a row — click to expand`
          : node.name
      }
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className={styles.titleRow}>
        <StepKind kind={node.kind} />
        <span className={styles.name}>{node.name}</span>
        {node.isRepeat || isAggregated ? (
          <span className={styles.count}>×{formatInteger(count)}</span>
        ) : null}
        <FindingMarker
          isFirstSuspicious={isFirstSuspicious}
          isFlagged={isFlagged}
          isCompact
          titles={MARKER_TITLES}
        />
      </div>
      {node.failedCount > 0 ? (
        <div className={styles.failed}>
          {count > 1 ? `${formatInteger(node.failedCount)} failed` : "failed"}
        </div>
      ) : null}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

const NODE_TYPES = { decision: DecisionNodeCard };

/**
 * The run as a decision graph: who called whom, repeats collapsed. Clicking a collapsed node
 * expands it; clicking any other node selects its step. Nodes holding a step a finding names are
 * flagged.
 */
export function DecisionGraphView({
  steps,
  selectedStepId,
  onSelectStep,
  flaggedStepIds,
  firstSuspiciousStepId,
  revealRequest,
}: {
  steps: readonly GraphStep[];
  selectedStepId: string | null;
  onSelectStep: (stepId: string) => void;
  flaggedStepIds: ReadonlySet<string>;
  firstSuspiciousStepId: string | null;
  /** Bumped to centre the node of the selected step. */
  revealRequest: number;
}) {
  const [expandedRepeats, setExpandedRepeats] = useState<ReadonlySet<string>>(() => new Set());
  const graph = useMemo(
    () => buildDecisionGraph(steps, { expandedRepeats }),
    [steps, expandedRepeats],
  );
  const layout = useGraphLayout(graph);
  // Built once per graph: a new selection is one lookup, not a scan of every node's steps.
  const nodeIdByStepId = useMemo(() => mapStepsToNodes(graph), [graph]);
  const flaggedNodeIds = useMemo(
    () => new Set([...flaggedStepIds].flatMap((stepId) => nodeIdByStepId.get(stepId) ?? [])),
    [flaggedStepIds, nodeIdByStepId],
  );
  const selectedNodeId = selectedStepId ? nodeIdByStepId.get(selectedStepId) : undefined;
  const firstSuspiciousNodeId = firstSuspiciousStepId
    ? nodeIdByStepId.get(firstSuspiciousStepId)
    : undefined;

  const nodes = useMemo<DecisionFlowNode[]>(() => {
    if (!layout || layout.graph !== graph) return [];
    return graph.nodes.map((node) => ({
      id: node.id,
      type: "decision",
      position: layout.positions.get(node.id) ?? { x: 0, y: 0 },
      data: {
        node,
        isSelected: node.id === selectedNodeId,
        isAggregated: graph.mode === "aggregated",
        isFlagged: flaggedNodeIds.has(node.id),
        isFirstSuspicious: node.id === firstSuspiciousNodeId,
      },
    }));
  }, [graph, layout, selectedNodeId, flaggedNodeIds, firstSuspiciousNodeId]);

  const flow = useRef<ReactFlowInstance<DecisionFlowNode> | null>(null);
  const handledRevealRequest = useRef(revealRequest);
  useEffect(() => {
    if (handledRevealRequest.current === revealRequest || !selectedNodeId) return;
    if (!nodes.some((node) => node.id === selectedNodeId) || !flow.current) return;
    handledRevealRequest.current = revealRequest;
    void flow.current.fitView({ nodes: [{ id: selectedNodeId }], maxZoom: 1.25, duration: 300 });
  }, [revealRequest, selectedNodeId, nodes]);
  const edges = useMemo<Edge[]>(
    () => graph.edges.map((edge) => ({ ...edge, type: "smoothstep" })),
    [graph],
  );

  return (
    <section
      className={viewStyles.panel}
      aria-label="Decision graph"
      data-testid="decision-graph"
    >
      {graph.mode === "aggregated" ? (
        <p className={styles.notice} role="note">
          This run is too large to draw step by step, so each node stands for every step of one kind
          and name. Use the tree to see individual steps.
        </p>
      ) : null}
      {layout?.error ? (
        <p className={styles.notice} role="alert">
          The graph could not be laid out: {layout.error}
        </p>
      ) : null}
      <div className={styles.canvas} aria-busy={nodes.length === 0}>
        {graph.nodes.length === 0 ? (
          <p className={styles.laying}>
            This run has no agent, model, tool or retrieval steps to draw; see the tree.
          </p>
        ) : nodes.length === 0 && !layout?.error ? (
          <p className={styles.laying}>Laying out {formatInteger(graph.nodes.length)} nodes…</p>
        ) : (
          <ReactFlow<DecisionFlowNode>
            // Remounted when the graph changes shape, so it fits the view to the nodes again.
            key={`${graph.mode}:${graph.nodes.length}`}
            nodes={nodes}
            edges={edges}
            nodeTypes={NODE_TYPES}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            onlyRenderVisibleElements={nodes.length > 200}
            minZoom={0.05}
            fitView
            onInit={(instance) => {
              flow.current = instance;
            }}
            proOptions={{ hideAttribution: true }}
            onNodeClick={(_, flowNode) => {
              const { node } = flowNode.data;
              if (node.isRepeat) {
                setExpandedRepeats((current) => new Set([...current, node.id]));
                return;
              }
              const first = node.stepIds[0];
              if (first) onSelectStep(first);
            }}
          >
            <Background />
            <Controls showInteractive={false} />
          </ReactFlow>
        )}
      </div>
    </section>
  );
}

type GraphLayout = { graph: DecisionGraph; positions: GraphPositions; error?: string };

/** The layout of the latest graph; a stale layout is never applied to a newer graph. */
function useGraphLayout(graph: DecisionGraph): GraphLayout | null {
  const [layout, setLayout] = useState<GraphLayout | null>(null);
  useEffect(() => {
    let isCurrent = true;
    layoutDecisionGraph(graph).then(
      (positions) => {
        if (isCurrent) setLayout({ graph, positions });
      },
      (error: unknown) => {
        if (isCurrent)
          setLayout({
            graph,
            positions: new Map(),
            error: error instanceof Error ? error.message : String(error),
          });
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [graph]);
  return layout;
}
