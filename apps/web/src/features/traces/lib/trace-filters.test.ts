import { describe, expect, it } from "vitest";
import {
  buildTraceListFilters,
  hasTraceFilters,
  parseTraceFilters,
  serializeTraceFilters,
  toggleTraceSort,
} from "./trace-filters";

describe("parseTraceFilters", () => {
  it("reads every filter from the query", () => {
    const params = new URLSearchParams(
      "name=support-agent&status=error&session=s-1&user=u-1&tag=beta&env=staging&range=7d",
    );
    expect(parseTraceFilters(params)).toEqual({
      name: "support-agent",
      status: "error",
      session: "s-1",
      user: "u-1",
      tag: "beta",
      environment: "staging",
      range: "7d",
    });
  });

  it("reads Next's searchParams record, taking the first of repeated values", () => {
    expect(parseTraceFilters({ status: ["ok", "error"], tag: undefined })).toEqual({
      status: "ok",
    });
  });

  it("drops unknown statuses and ranges, blank values and malformed dates", () => {
    expect(
      parseTraceFilters(new URLSearchParams("status=exploded&range=1y&name=%20%20&from=soon")),
    ).toEqual({});
    expect(parseTraceFilters(new URLSearchParams("range=custom&from=yesterday"))).toEqual({
      range: "custom",
    });
  });

  it("keeps from and to only for a custom range", () => {
    expect(
      parseTraceFilters(new URLSearchParams("range=24h&from=2025-03-01T00:00:00.000Z")),
    ).toEqual({ range: "24h" });
    expect(
      parseTraceFilters(
        new URLSearchParams("range=custom&from=2025-03-01T00:00Z&to=2025-03-02T00:00:00.000Z"),
      ),
    ).toEqual({
      range: "custom",
      from: "2025-03-01T00:00:00.000Z",
      to: "2025-03-02T00:00:00.000Z",
    });
  });
});

describe("serializeTraceFilters", () => {
  it("round-trips through the URL", () => {
    const filters = {
      name: "a b&c",
      status: "ok" as const,
      tag: "x",
      range: "custom" as const,
      from: "2025-03-01T00:00:00.000Z",
    };
    expect(parseTraceFilters(new URLSearchParams(serializeTraceFilters(filters)))).toEqual(filters);
  });

  it("is empty without filters", () => {
    expect(serializeTraceFilters({ name: "  " })).toBe("");
    expect(hasTraceFilters({})).toBe(false);
    expect(hasTraceFilters({ status: "error" })).toBe(true);
  });
});

describe("buildTraceListFilters", () => {
  const now = new Date("2025-03-10T12:00:00.000Z");

  it("measures a relative range back from now", () => {
    expect(buildTraceListFilters({ range: "24h", status: "error" }, now)).toEqual({
      status: "error",
      startedAfter: new Date("2025-03-09T12:00:00.000Z"),
    });
  });

  it("uses the custom bounds as given", () => {
    expect(
      buildTraceListFilters(
        { range: "custom", from: "2025-03-01T00:00:00.000Z", to: "2025-03-02T00:00:00.000Z" },
        now,
      ),
    ).toEqual({
      startedAfter: new Date("2025-03-01T00:00:00.000Z"),
      startedBefore: new Date("2025-03-02T00:00:00.000Z"),
    });
  });

  it("names the api's fields", () => {
    expect(
      buildTraceListFilters(
        { session: "s", user: "u", environment: "prod", name: "n", tag: "t" },
        now,
      ),
    ).toEqual({ sessionId: "s", userId: "u", environment: "prod", name: "n", tag: "t" });
  });
});

describe("search, finding, range and sort parameters", () => {
  it("reads and writes them", () => {
    const query =
      "q=refund+%22late+parcel%22&model=gpt-4o&agent=billing&finding=cycle&minCost=0.5&maxCost=2&minLatency=1000&maxLatency=90000&sort=cost&order=asc";
    const filters = parseTraceFilters(new URLSearchParams(query));
    expect(filters).toEqual({
      search: 'refund "late parcel"',
      model: "gpt-4o",
      agent: "billing",
      findingKind: "cycle",
      minCost: 0.5,
      maxCost: 2,
      minLatency: 1000,
      maxLatency: 90000,
      sort: "cost",
      order: "asc",
    });
    expect(parseTraceFilters(new URLSearchParams(serializeTraceFilters(filters)))).toEqual(filters);
  });

  it("drops unknown kinds and sorts, negative or malformed numbers, and the default order", () => {
    expect(
      parseTraceFilters(
        new URLSearchParams(
          "finding=meltdown&sort=name&minCost=-1&maxCost=1e9x&minLatency=abc&order=desc",
        ),
      ),
    ).toEqual({});
    expect(parseTraceFilters(new URLSearchParams("sort=startTime&order=asc"))).toEqual({
      order: "asc",
    });
  });

  it("does not count the order as a filter", () => {
    expect(hasTraceFilters({ sort: "cost", order: "asc" })).toBe(false);
    expect(hasTraceFilters({ search: "x" })).toBe(true);
  });

  it("flips the current column and starts another one descending", () => {
    expect(toggleTraceSort({}, "cost")).toEqual({ sort: "cost" });
    expect(toggleTraceSort({ sort: "cost" }, "cost")).toEqual({ sort: "cost", order: "asc" });
    expect(toggleTraceSort({ sort: "cost", order: "asc" }, "cost")).toEqual({ sort: "cost" });
    expect(toggleTraceSort({ sort: "cost", order: "asc", tag: "x" }, "startTime")).toEqual({
      tag: "x",
    });
    expect(toggleTraceSort({}, "startTime")).toEqual({ order: "asc" });
  });

  it("names the api's fields", () => {
    expect(
      buildTraceListFilters(
        {
          search: "s",
          findingKind: "cycle",
          minCost: 1,
          maxLatency: 5,
          model: "m",
          agent: "a",
          sort: "tokens",
        },
        new Date(),
      ),
    ).toEqual({
      sort: "tokens",
      search: "s",
      findingKind: "cycle",
      minCost: 1,
      maxLatencyMs: 5,
      model: "m",
      agent: "a",
    });
  });
});
