/** Says, inside the value itself, that Loupe cut it: a reader can never mistake it for the whole. */
function truncationMarker(removedChars: number): string {
  return `…[truncated by Loupe: ${removedChars} more characters]`;
}

export type TruncatedValue = { value: unknown; truncatedPaths: string[] };

/**
 * Cuts every string longer than `maxChars` anywhere in a JSON value and returns the paths it cut.
 * NUL characters, which PostgreSQL cannot store in JSON, become U+FFFD.
 */
export function truncateLongStrings(value: unknown, maxChars: number, path = "$"): TruncatedValue {
  // Nearly every value is stored as sent: find that out without building paths or copies.
  if (!needsRewriting(value, maxChars)) return { value, truncatedPaths: [] };
  return rewrite(value, maxChars, path);
}

function needsRewriting(value: unknown, maxChars: number): boolean {
  if (typeof value === "string") return value.length > maxChars || value.includes("\u0000");
  if (Array.isArray(value)) {
    for (const item of value) if (needsRewriting(item, maxChars)) return true;
    return false;
  }
  if (value !== null && typeof value === "object") {
    for (const key in value) if (needsRewriting((value as Record<string, unknown>)[key], maxChars)) return true;
  }
  return false;
}

function rewrite(value: unknown, maxChars: number, path: string): TruncatedValue {
  if (typeof value === "string") {
    const storable = value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
    if (storable.length <= maxChars) return { value: storable, truncatedPaths: [] };
    return { value: storable.slice(0, maxChars) + truncationMarker(storable.length - maxChars), truncatedPaths: [path] };
  }
  if (Array.isArray(value)) {
    const truncatedPaths: string[] = [];
    let changed = false;
    const items = value.map((item: unknown, index) => {
      const result = truncateLongStrings(item, maxChars, `${path}[${index}]`);
      if (result.truncatedPaths.length > 0) {
        changed = true;
        truncatedPaths.push(...result.truncatedPaths);
      }
      return result.value;
    });
    return { value: changed ? items : value, truncatedPaths };
  }
  if (value !== null && typeof value === "object") {
    const truncatedPaths: string[] = [];
    let changed = false;
    const entries = Object.entries(value).map(([key, item]) => {
      const result = truncateLongStrings(item, maxChars, `${path}.${key}`);
      if (result.truncatedPaths.length > 0) {
        changed = true;
        truncatedPaths.push(...result.truncatedPaths);
      }
      return [key, result.value] as const;
    });
    return { value: changed ? Object.fromEntries(entries) : value, truncatedPaths };
  }
  return { value, truncatedPaths: [] };
}
