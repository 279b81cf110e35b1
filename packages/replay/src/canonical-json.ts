import canonicalize from "canonicalize";

/** RFC 8785 canonical JSON: keys sorted, undefined fields dropped, numbers in one spelling. */
export function toCanonicalJson(value: unknown): string {
  return canonicalize(value) ?? "undefined";
}

/** Equal as JSON, whatever the key order. */
export function isSameJson(a: unknown, b: unknown): boolean {
  return toCanonicalJson(a) === toCanonicalJson(b);
}
