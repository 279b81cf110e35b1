type TreeNode = { id: string; parentId: string | null };

/**
 * How deep each step sits in the run's tree, for indenting the step list. A step whose parent is
 * not (yet) loaded sits at the top, and a malformed cycle cannot loop forever. Iterative, because
 * a run can nest deeper than the browser's call stack.
 */
export function computeStepDepths(steps: readonly TreeNode[]): Map<string, number> {
  const parents = new Map(steps.map((step) => [step.id, step.parentId]));
  const depths = new Map<string, number>();

  for (const step of steps) {
    if (depths.has(step.id)) continue;
    // Walk up until a step of known depth, a root, or a step already on this walk (a cycle).
    const path: string[] = [];
    const onPath = new Set<string>();
    let base = -1;
    for (let id: string | null | undefined = step.id; id;) {
      const known = depths.get(id);
      if (known !== undefined) {
        base = known;
        break;
      }
      path.push(id);
      onPath.add(id);
      const parentId = parents.get(id);
      id = parentId && parents.has(parentId) && !onPath.has(parentId) ? parentId : null;
    }
    for (let index = path.length - 1, depth = base + 1; index >= 0; index--, depth++) {
      const id = path[index];
      if (id !== undefined) depths.set(id, depth);
    }
  }
  return depths;
}
