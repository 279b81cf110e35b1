import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseEnvironment } from "./parse-environment.ts";

const Env = z.object({ PORT: z.coerce.number().int().default(3000), MODE: z.enum(["a", "b"]).default("a") });

describe("parseEnvironment", () => {
  it("treats empty variables as unset and ignores unrelated ones", () => {
    expect(parseEnvironment(Env, { PORT: "", MODE: "b", HOME: "/root" }, "test settings")).toEqual({ PORT: 3000, MODE: "b" });
  });

  it("names every bad variable", () => {
    expect(() => parseEnvironment(Env, { PORT: "x", MODE: "c" }, "test settings")).toThrow(
      /^Invalid test settings: PORT: .+; MODE: .+/,
    );
  });
});
