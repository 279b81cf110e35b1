import { describe, expect, it } from "vitest";
import { canonicalizeArguments, canonicalizeValue, hashText } from "./canonical.ts";

describe("canonicalizeArguments", () => {
  it("ignores key order, case, extra whitespace and call ids", () => {
    expect(canonicalizeArguments({ b: 1, a: "  Ireland   VAT " })).toBe(
      canonicalizeArguments({ a: "ireland vat", b: 1, id: "call_1" }),
    );
  });

  it("keeps different values apart", () => {
    expect(canonicalizeArguments({ page: 1 })).not.toBe(canonicalizeArguments({ page: 2 }));
  });
});

describe("canonicalizeValue", () => {
  it("keeps string case for outputs", () => {
    expect(canonicalizeValue({ a: "X" })).not.toBe(canonicalizeValue({ a: "x" }));
    expect(canonicalizeValue(undefined)).toBe("undefined");
  });
});

describe("hashText", () => {
  it("is stable and eight hex digits", () => {
    expect(hashText("abc")).toBe(hashText("abc"));
    expect(hashText("abc")).toMatch(/^[0-9a-f]{8}$/);
    expect(hashText("abc")).not.toBe(hashText("abd"));
  });
});
