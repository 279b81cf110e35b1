import { describe, expect, it } from "vitest";
import { toOverride, toRow } from "./override-rows.ts";

describe("price override rows", () => {
  it("round-trips an exact model and a pattern", () => {
    const exact = { model: "gpt-4o", provider: "azure", inputPerMillion: 2.5, outputPerMillion: 10 };
    const pattern = { modelPattern: "^in-house-", inputPerMillion: 1, outputPerMillion: 2, cachedInputPerMillion: 0.1 };
    expect(toOverride(toRow(exact))).toEqual(exact);
    expect(toOverride(toRow(pattern))).toEqual(pattern);
  });

  it("drops empty optional fields and trims names", () => {
    expect(
      toOverride({ match: "model", name: " llama-3 ", provider: " ", inputPerMillion: "0.2", outputPerMillion: "0.4", cachedInputPerMillion: "" }),
    ).toEqual({ model: "llama-3", inputPerMillion: 0.2, outputPerMillion: 0.4 });
  });
});
