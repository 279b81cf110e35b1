/** Top-level keys of a tool's output and the JSON type of each; `$` holds the type of a non-object. */
export type OutputShape = Readonly<Record<string, string>>;

export function describeJsonType(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

export function describeOutputShape(output: unknown): OutputShape {
  if (output === null || typeof output !== "object" || Array.isArray(output)) {
    return { $: describeJsonType(output) };
  }
  const shape: Record<string, string> = {};
  for (const [key, value] of Object.entries(output)) shape[key] = describeJsonType(value);
  return shape;
}

export function signShape(shape: OutputShape): string {
  return Object.keys(shape)
    .sort()
    .map((key) => `${key}:${shape[key] ?? "null"}`)
    .join(",");
}

/**
 * How much two shapes agree: typed keys in common over the smaller key set, so a shape that only
 * adds or drops a few optional fields (a finished job's extra `url`) stays close. A null matches any
 * type; a key whose concrete type changed (number to string) counts against the overlap.
 */
export function compareShapes(left: OutputShape, right: OutputShape): number {
  const leftKeys = Object.keys(left);
  const rightKeys = Object.keys(right);
  const smaller = Math.min(leftKeys.length, rightKeys.length);
  if (smaller === 0) return leftKeys.length === rightKeys.length ? 1 : 0;
  let shared = 0;
  for (const key of leftKeys) {
    const leftType = left[key];
    const rightType = right[key];
    if (leftType === undefined || rightType === undefined) continue;
    if (leftType === rightType || leftType === "null" || rightType === "null") shared++;
  }
  return shared / smaller;
}
