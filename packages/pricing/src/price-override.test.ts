import { describe, expect, it } from "vitest";
import { z } from "zod";
import { PriceOverride } from "./price-override.ts";

describe("PriceOverride", () => {
  it("accepts an exact model or a pattern", () => {
    expect(
      PriceOverride.safeParse({ model: "gpt-4o", inputPerMillion: 2.5, outputPerMillion: 10 })
        .success,
    ).toBe(true);
    expect(
      PriceOverride.safeParse({
        modelPattern: "^claude-.*-haiku",
        provider: "anthropic",
        inputPerMillion: 1,
        outputPerMillion: 5,
        cachedInputPerMillion: 0.1,
      }).success,
    ).toBe(true);
  });

  it("rejects a pattern that does not compile, naming its path", () => {
    const result = z
      .array(PriceOverride)
      .safeParse([{ modelPattern: "gpt-(4o", inputPerMillion: 1, outputPerMillion: 1 }]);

    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: [0, "modelPattern"],
        message: "must be a valid regular expression",
      }),
    ]);
  });

  it("needs exactly one of model and modelPattern", () => {
    const neither = PriceOverride.safeParse({ inputPerMillion: 1, outputPerMillion: 1 });
    const both = PriceOverride.safeParse({
      model: "a",
      modelPattern: "a",
      inputPerMillion: 1,
      outputPerMillion: 1,
    });

    expect(neither.error?.issues[0]?.path).toEqual(["model"]);
    expect(both.error?.issues[0]?.path).toEqual(["model"]);
  });

  it("rejects negative prices", () => {
    const result = PriceOverride.safeParse({
      model: "a",
      inputPerMillion: -1,
      outputPerMillion: 1,
      cachedInputPerMillion: -2,
    });

    expect(result.error?.issues.map((issue) => issue.path)).toEqual([
      ["inputPerMillion"],
      ["cachedInputPerMillion"],
    ]);
  });
});
