import { describe, expect, it } from "vitest";
import {
  formatCost,
  formatDuration,
  formatElapsed,
  formatFindingKind,
  formatInteger,
  formatJson,
  formatOffset,
  formatTimestamp,
  formatTokens,
} from "./format";

describe("formatDuration", () => {
  it.each([
    [0, "0 ms"],
    [849.6, "850 ms"],
    [1_250, "1.25 s"],
    [12_345, "12.3 s"],
    [125_000, "2m 05s"],
    [3_720_000, "1h 02m"],
  ])("formats %d ms as %s", (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it("shows a dash for values that are not durations", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(-5)).toBe("—");
    expect(formatDuration(Number.NaN)).toBe("—");
  });
});

describe("formatElapsed", () => {
  it("measures from start to end, and has nothing to show while a run is still going", () => {
    const start = new Date("2025-03-01T10:00:00.000Z");
    expect(formatElapsed(start, new Date("2025-03-01T10:00:01.500Z"))).toBe("1.50 s");
    expect(formatElapsed(start, null)).toBe("—");
  });
});

describe("formatCost", () => {
  it.each([
    [0, "$0"],
    [0.00004, "<$0.0001"],
    [0.0004, "$0.0004"],
    [0.01234, "$0.0123"],
    [0.5, "$0.5"],
    [1.234, "$1.23"],
    [1234.5, "$1,234.50"],
  ])("formats $%d as %s", (usd, expected) => {
    expect(formatCost(usd)).toBe(expected);
  });
});

describe("formatTokens", () => {
  it.each([
    [950, "950"],
    [1_000, "1k"],
    [12_345, "12.3k"],
    [1_250_000n, "1.3M"],
  ])("formats %s tokens as %s", (count, expected) => {
    expect(formatTokens(count)).toBe(expected);
  });

  it("keeps exact counts for detail views", () => {
    expect(formatInteger(1_234_567n)).toBe("1,234,567");
  });
});

describe("formatTimestamp", () => {
  it("renders the instant in the requested time zone", () => {
    const instant = new Date("2025-03-01T23:04:05.678Z");
    expect(formatTimestamp(instant, "UTC")).toBe("2025-03-01 23:04:05");
    expect(formatTimestamp(instant, "Asia/Tokyo")).toBe("2025-03-02 08:04:05");
  });
});

describe("formatOffset", () => {
  it("shows how far into the run something started", () => {
    const origin = new Date("2025-03-01T10:00:00.000Z");
    expect(formatOffset(new Date("2025-03-01T10:00:01.250Z"), origin)).toBe("+1.25 s");
    expect(formatOffset(origin, origin)).toBe("+0 ms");
  });
});

describe("formatJson", () => {
  it("pretty-prints JSON and shows strings as they are", () => {
    expect(formatJson({ a: [1, "<b>"] })).toBe('{\n  "a": [\n    1,\n    "<b>"\n  ]\n}');
    expect(formatJson("line one\nline two")).toBe("line one\nline two");
    expect(formatJson(null)).toBe("null");
    expect(formatJson(undefined)).toBe("(none)");
  });
});

describe("formatFindingKind", () => {
  it("spells a finding kind as words", () => {
    expect(formatFindingKind("repeated_call")).toBe("repeated call");
    expect(formatFindingKind("side_effect_fanout")).toBe("side effect fanout");
    expect(formatFindingKind("cycle")).toBe("cycle");
  });
});
