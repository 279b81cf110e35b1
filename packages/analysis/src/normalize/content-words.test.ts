import { describe, expect, it } from "vitest";
import { collectStrings, extractContentWords } from "./content-words.ts";

describe("extractContentWords", () => {
  it("keeps the subject words of a text, lower-cased and stemmed alike", () => {
    expect([...extractContentWords("Reading the churned accounts by region")]).toEqual(["read", "churn", "account", "region"]);
    expect(extractContentWords("churn_rate").has("churn")).toBe(true);
    expect(extractContentWords("copied").has("copy")).toBe(true);
    expect([...extractContentWords("close")]).toEqual([...extractContentWords("closing")]);
  });

  it("leaves numbers and short stems whole", () => {
    expect([...extractContentWords("Q3 2026 bus address")]).toEqual(["q3", "2026", "bus", "address"]);
  });
});

describe("collectStrings", () => {
  it("collects the string leaves of JSON, not its keys", () => {
    expect(collectStrings({ query: "eu churn", filters: [{ region: "EU" }, 3] })).toEqual(["eu churn", "EU"]);
  });
});
