import { describe, expect, it } from "vitest";
import { describeOutputShape } from "../normalize/output-shape.ts";
import { buildSteps, findKinds, kindsOf } from "../testing/build-steps.ts";

const v1 = (id: string) => ({ name: "get_order", input: { id }, output: { order_id: id, status: "shipped", total: 10 } });
const v2 = (id: string) => ({ name: "get_order", input: { id }, output: { data: { order_id: id }, meta: { v: 2 } } });

describe("tool-output-drift detector", () => {
  it("flags a tool whose output changes shape mid-run", () => {
    const findings = findKinds(buildSteps([v1("1"), v1("2"), v2("3"), v2("4")]));
    expect(kindsOf(findings)).toEqual(["tool_output_drift"]);
    expect(findings[0]?.stepIds).toEqual(["s3", "s4"]);
  });

  it("flags drift against the project's history", () => {
    const history = { toolOutputShapes: { get_order: [describeOutputShape(v1("0").output)] } };
    expect(kindsOf(findKinds(buildSteps([v2("1")]), { history }))).toEqual(["tool_output_drift"]);
  });

  it("reads an error body as a failure, not as a new shape", () => {
    const failed = { name: "get_order", input: { id: "3" }, output: { data: null, errors: [{ message: "Order 3 is archived" }] } };
    expect(findKinds(buildSteps([v1("1"), v1("2"), failed, v1("4")]))).toEqual([]);
  });

  it("ignores optional fields and nulls", () => {
    const steps = buildSteps([
      { name: "list", input: { page: 1 }, output: { items: [], next_page: 2 } },
      { name: "list", input: { page: 2 }, output: { items: [], next_page: null, total: 3 } },
    ]);
    expect(findKinds(steps)).toEqual([]);
  });
});
