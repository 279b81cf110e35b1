import { describe, expect, it } from "vitest";
import { readFinalAnswer, readUserInput } from "./read-run-text";

describe("readUserInput", () => {
  it("reads a bare string and the usual wrappers", () => {
    expect(readUserInput("Where is my order?")).toBe("Where is my order?");
    expect(readUserInput({ question: "Where is my order?" })).toBe("Where is my order?");
    expect(readUserInput({ input: { text: "Nested" } })).toBe("Nested");
  });

  it("takes the last user message of a transcript, with content parts joined", () => {
    const input = {
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "First" },
        { role: "assistant", content: "Reply" },
        {
          role: "user",
          content: [
            { type: "text", text: "Second" },
            { type: "text", text: "part" },
          ],
        },
      ],
    };
    expect(readUserInput(input)).toBe("Second\npart");
  });

  it("falls back to the JSON of an unfamiliar shape, and to nothing for no input", () => {
    expect(readUserInput({ orderId: "A-1" })).toBe('{\n  "orderId": "A-1"\n}');
    expect(readUserInput(null)).toBeNull();
    expect(readUserInput(undefined)).toBeNull();
  });
});

describe("readFinalAnswer", () => {
  it("reads the answer a run gave", () => {
    expect(readFinalAnswer({ answer: "It ships tomorrow." })).toBe("It ships tomorrow.");
    expect(readFinalAnswer({ role: "assistant", content: "Done." })).toBe("Done.");
    expect(
      readFinalAnswer([
        { role: "user", content: "Q" },
        { role: "assistant", content: "A" },
      ]),
    ).toBe("A");
  });
});
