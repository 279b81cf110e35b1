import { describe, expect, it } from "vitest";
import { buildSteps, findKinds, kindsOf } from "../testing/build-steps.ts";

const search = (query: string, output: unknown = { results: ["a"] }) => ({ name: "web_search", input: { query }, output });

describe("repeated-call detector", () => {
  it("flags the same search with the same result again and again", () => {
    const findings = findKinds(buildSteps([search("vat ireland"), search("VAT  Ireland"), search("vat ireland"), search("vat ireland")]));
    expect(kindsOf(findings)).toEqual(["repeated_call"]);
    expect(findings[0]?.stepIds).toEqual(["s1", "s2", "s3", "s4"]);
    expect(findings[0]?.evidence).toMatchObject({ name: "web_search", count: 4 });
  });

  it("keeps the group key while the loop grows", () => {
    const steps = buildSteps(Array.from({ length: 6 }, () => search("vat")));
    const early = findKinds(steps.slice(0, 3), { trace: { name: "t", status: "running" } });
    const late = findKinds(steps, { trace: { name: "t", status: "running" } });
    expect(early[0]?.groupKey).toBe(late[0]?.groupKey);
    expect(late[0]?.stepIds).toHaveLength(6);
  });

  it("ignores polling whose result changes", () => {
    const steps = buildSteps([10, 40, 70, 100].map((progress) => ({ name: "get_status", input: { job: "j1" }, output: { progress } })));
    expect(findKinds(steps)).toEqual([]);
  });

  it("ignores pagination with different arguments", () => {
    const steps = buildSteps([1, 2, 3, 4].map((page) => ({ name: "list_invoices", input: { page }, output: { page } })));
    expect(findKinds(steps)).toEqual([]);
  });
});
