import { describe, expect, it } from "vitest";
import { parseDashboardSearch, serializeDashboardSearch } from "./dashboard-search";
import { formatBucketLabel, formatPercent } from "./format-dashboard";
import { buildSeriesChartData } from "./series-chart-data";

describe("parseDashboardSearch", () => {
  it("defaults to thirty days by model", () => {
    expect(parseDashboardSearch(new URLSearchParams())).toEqual({ range: "30d", breakdown: "model" });
  });

  it("reads a custom range and a breakdown, and writes them back", () => {
    const search = parseDashboardSearch({
      range: "custom",
      from: "2025-03-01T00:00:00Z",
      to: "2025-03-02T12:00:00.000Z",
      breakdown: "agent",
    });
    expect(search).toEqual({
      range: "custom",
      breakdown: "agent",
      from: "2025-03-01T00:00:00.000Z",
      to: "2025-03-02T12:00:00.000Z",
    });
    expect(parseDashboardSearch(new URLSearchParams(serializeDashboardSearch(search)))).toEqual(search);
  });

  it("falls back to the default for unknown values and for a custom range missing an end", () => {
    expect(parseDashboardSearch({ range: "forever", breakdown: "colour" })).toEqual({
      range: "30d",
      breakdown: "model",
    });
    expect(parseDashboardSearch({ range: "custom", from: "2025-03-01T00:00:00Z" }).range).toBe("30d");
  });
});

describe("dashboard formatting", () => {
  it("formats shares of runs", () => {
    expect([0, 0.004, 0.125, 1, null].map(formatPercent)).toEqual(["0%", "0.4%", "13%", "100%", "—"]);
  });

  it("labels buckets in UTC", () => {
    const start = new Date("2025-06-01T14:00:00Z");
    expect(formatBucketLabel(start, "hour")).toBe("06-01 14:00");
    expect(formatBucketLabel(start, "day")).toBe("06-01");
  });
});

describe("buildSeriesChartData", () => {
  it("stacks failed runs on the others and adds input and output tokens", () => {
    const [point] = buildSeriesChartData(
      [
        {
          bucketStart: new Date("2025-06-01T00:00:00Z"),
          runs: 5,
          failedRuns: 2,
          steps: 20,
          inputTokens: 300,
          outputTokens: 40,
          cost: 0.5,
          latencyP50Ms: 100,
          latencyP95Ms: 200,
          latencyP99Ms: null,
        },
      ],
      "day",
    );
    expect(point).toEqual({
      label: "06-01",
      otherRuns: 3,
      failedRuns: 2,
      latencyP50Ms: 100,
      latencyP95Ms: 200,
      latencyP99Ms: null,
      cost: 0.5,
      tokens: 340,
    });
  });
});
