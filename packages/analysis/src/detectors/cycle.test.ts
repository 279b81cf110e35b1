import { describe, expect, it } from "vitest";
import { buildSteps, findKinds, kindsOf } from "../testing/build-steps.ts";

const get = { name: "get_ticket", input: { id: "T1" }, output: { text: "broken" } };
const classify = { name: "classify", input: { id: "T1" }, output: { category: "hw" } };
const route = { name: "route", input: { id: "T1" }, output: { routed: false } };

describe("cycle detector", () => {
  it("flags a sequence that repeats without progress", () => {
    const findings = findKinds(buildSteps([get, classify, route, get, classify, route, get, classify, route]));
    expect(kindsOf(findings)).toEqual(["cycle"]);
    expect(findings[0]?.evidence).toMatchObject({ sequence: ["get_ticket", "classify", "route"], repeats: 3 });
  });

  it("ignores a loop that makes progress", () => {
    const steps = buildSteps(
      [1, 2, 3].flatMap((page) => [
        { name: "list", input: { page }, output: { page } },
        { name: "summarize", input: { page }, output: { ok: true } },
      ]),
    );
    expect(findKinds(steps)).toEqual([]);
  });

  it("handles a long healthy run of alternating calls quickly", () => {
    const steps = buildSteps(
      Array.from({ length: 8_000 }, (_, index) => ({ name: index % 2 ? "read" : "list", input: { index }, output: { index } })),
    );
    expect(findKinds(steps)).toEqual([]);
  });
});
