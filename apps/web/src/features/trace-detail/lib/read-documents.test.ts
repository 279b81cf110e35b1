import { describe, expect, it } from "vitest";
import { readRetrievedDocuments } from "./read-documents";

describe("readRetrievedDocuments", () => {
  it("reads Loupe's own shape", () => {
    expect(readRetrievedDocuments({ documents: [{ id: "kb-1", content: "Refunds take 5 days.", score: 0.82, source: "help/refunds" }] })).toEqual([
      { id: "kb-1", content: "Refunds take 5 days.", score: 0.82, source: "help/refunds" },
    ]);
  });

  it("reads OpenInference and LangChain shapes, with the source from metadata", () => {
    expect(
      readRetrievedDocuments([
        { page_content: "Shipping is free over $50.", metadata: { source: "https://example.test/shipping" } },
        { text: "Returns within 30 days.", score: "high", metadata: { id: "doc-9", title: "Returns" } },
      ]),
    ).toEqual([
      { id: null, content: "Shipping is free over $50.", score: null, source: "https://example.test/shipping" },
      { id: "doc-9", content: "Returns within 30 days.", score: null, source: "Returns" },
    ]);
  });

  it("answers null for outputs that are not documents", () => {
    expect(readRetrievedDocuments({ results: [] })).toBeNull();
    expect(readRetrievedDocuments({ documents: [] })).toBeNull();
    expect(readRetrievedDocuments([{ score: 1 }])).toBeNull();
    expect(readRetrievedDocuments("plain text")).toBeNull();
  });
});
