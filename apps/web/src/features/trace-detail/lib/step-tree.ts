import { computeStepDepths } from "./step-depth";

type TreeNode = { id: string; parentId: string | null };

export type StepTree = {
  roots: string[];
  children: Map<string, string[]>;
  /** The parent each step is shown under; absent for a root. */
  parents: Map<string, string>;
};

export type StepTreeRow = { id: string; depth: number; hasChildren: boolean; isExpanded: boolean };

/**
 * The run's steps as a tree, in their recorded order. A step whose parent is not loaded is a
 * root, and a malformed cycle is broken where `computeStepDepths` breaks it.
 */
export function buildStepTree(steps: readonly TreeNode[]): StepTree {
  const depths = computeStepDepths(steps);
  const roots: string[] = [];
  const children = new Map<string, string[]>();
  const parents = new Map<string, string>();
  for (const step of steps) {
    if ((depths.get(step.id) ?? 0) === 0 || !step.parentId) {
      roots.push(step.id);
      continue;
    }
    parents.set(step.id, step.parentId);
    const siblings = children.get(step.parentId);
    if (siblings) siblings.push(step.id);
    else children.set(step.parentId, [step.id]);
  }
  return { roots, children, parents };
}

/** The rows a tree shows with some subtrees collapsed, depth first; iterative, for deep runs. */
export function flattenStepTree(tree: StepTree, collapsed: ReadonlySet<string>): StepTreeRow[] {
  const rows: StepTreeRow[] = [];
  const stack: { id: string; depth: number }[] = [...tree.roots]
    .reverse()
    .map((id) => ({ id, depth: 0 }));
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const kids = tree.children.get(entry.id) ?? [];
    const isExpanded = kids.length > 0 && !collapsed.has(entry.id);
    rows.push({ id: entry.id, depth: entry.depth, hasChildren: kids.length > 0, isExpanded });
    if (!isExpanded) continue;
    for (let index = kids.length - 1; index >= 0; index--) {
      const kid = kids[index];
      if (kid !== undefined) stack.push({ id: kid, depth: entry.depth + 1 });
    }
  }
  return rows;
}

/** The ids of a step's ancestors, nearest first, so a selected step can be revealed. */
export function listAncestors(tree: StepTree, stepId: string): string[] {
  const ancestors: string[] = [];
  const seen = new Set([stepId]);
  for (
    let parent = tree.parents.get(stepId);
    parent && !seen.has(parent);
    parent = tree.parents.get(parent)
  ) {
    ancestors.push(parent);
    seen.add(parent);
  }
  return ancestors;
}
