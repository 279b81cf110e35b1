import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./retry-delay.ts";

const almostOne = () => 0.999_999;

describe("retryDelayMs", () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [6, 32_000],
    [7, 60_000],
    [100, 60_000],
  ])("after attempt %i waits less than %i ms", (attempt, ceiling) => {
    expect(retryDelayMs(attempt, { random: () => 0 })).toBe(0);
    expect(retryDelayMs(attempt, { random: () => 0.5 })).toBe(ceiling / 2);
    const longest = retryDelayMs(attempt, { random: almostOne });
    expect(longest).toBeLessThan(ceiling);
    expect(longest).toBeGreaterThanOrEqual(ceiling - 1);
  });

  it("honours a custom base and cap", () => {
    expect(retryDelayMs(3, { baseMs: 100, maxMs: 300, random: almostOne })).toBe(299);
    expect(retryDelayMs(2, { baseMs: 100, maxMs: 300, random: () => 0.5 })).toBe(100);
  });

  it("returns whole milliseconds", () => {
    expect(Number.isInteger(retryDelayMs(1, { random: () => 0.123_456_789 }))).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses attempt %s", (attempt) => {
    expect(() => retryDelayMs(attempt)).toThrow(RangeError);
  });
});
