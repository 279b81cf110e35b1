import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { recordedRunToEvents } from "@loupe/ingestion";
import { issueApiKey } from "../fixtures/api-key.ts";
import { corpusRun } from "../fixtures/corpus.ts";
import { seedProject } from "../fixtures/seed-project.ts";

test("the native API over HTTP: gzip, idempotent retries, out-of-order events, 207 and limits", async ({ request }) => {
  const { projectId } = await seedProject({ name: "Native API", runs: [] });
  const key = await issueApiKey(projectId);
  const basic = `Basic ${Buffer.from(`${key.publicKey}:${key.secret}`).toString("base64")}`;
  const batch = [
    // The end of a step, its child and its run arrive before the step itself.
    { id: "end", type: "step-update", timestamp: "2026-11-20T10:00:05Z", body: { id: "plan", traceId: "http-run", status: "ok", endTime: "2026-11-20T10:00:05Z", output: { plan: ["search", "answer"] } } },
    { id: "child", type: "step-create", timestamp: "2026-11-20T10:00:02Z", body: { id: "search", traceId: "http-run", parentId: "plan", kind: "tool", name: "web_search", status: "ok", startTime: "2026-11-20T10:00:02Z", endTime: "2026-11-20T10:00:03Z" } },
    { id: "trace", type: "trace-create", timestamp: "2026-11-20T10:00:00Z", body: { id: "http-run", name: "http-agent", tags: ["http"] } },
    { id: "start", type: "step-create", timestamp: "2026-11-20T10:00:01Z", body: { id: "plan", traceId: "http-run", kind: "agent", name: "planner", status: "running", startTime: "2026-11-20T10:00:01Z" } },
    { id: "broken", type: "step-create", timestamp: "2026-11-20T10:00:01Z", body: { id: "x", traceId: "http-run", kind: "llm", name: "chat", cost: "free" } },
  ];
  const send = () =>
    request.post("/api/public/ingestion", {
      headers: { authorization: basic, "content-type": "application/json", "content-encoding": "gzip" },
      data: gzipSync(JSON.stringify({ batch })),
    });

  const first = await send();
  expect(first.status()).toBe(207);
  const result = (await first.json()) as { successes: { id: string }[]; errors: { id: string; field: string }[] };
  expect(result.successes.map((success) => success.id).sort()).toEqual(["child", "end", "start", "trace"]);
  expect(result.errors).toEqual([expect.objectContaining({ id: "broken", field: "batch[4].body.cost" })]);
  expect((await send()).status()).toBe(207);

  const read = await request.get("/api/public/traces/http-run", { headers: { authorization: basic } });
  const trace = (await read.json()) as { name: string; stepCount: number; steps: { id: string; kind: string; status: string; output: unknown }[] };
  expect(trace.name).toBe("http-agent");
  expect(trace.stepCount).toBe(2);
  expect(trace.steps.find((step) => step.id === "plan")).toMatchObject({ kind: "agent", status: "ok", output: { plan: ["search", "answer"] } });

  const tooMany = await request.post("/api/public/ingestion", {
    headers: { authorization: basic, "content-type": "application/json" },
    data: JSON.stringify({ batch: Array.from({ length: 1_001 }, () => ({})) }),
  });
  expect(tooMany.status()).toBe(413);
  const listed = await request.get("/api/public/traces?tag=http", { headers: { authorization: basic } });
  expect(((await listed.json()) as { data: { id: string }[] }).data.map((item) => item.id)).toEqual(["http-run"]);
});

test("a loop sent through the native API is flagged as a finding shortly after it arrives", async ({ request }) => {
  const { projectId } = await seedProject({ name: "Streaming findings", runs: [] });
  const key = await issueApiKey(projectId);
  const run = corpusRun("repeated-web-search", "streamed-loop");
  const events = recordedRunToEvents(run);
  for (let start = 0; start < events.length; start += 5) {
    const response = await request.post("/api/public/ingestion", {
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
      data: JSON.stringify({ batch: events.slice(start, start + 5) }),
    });
    expect(response.status()).toBe(200);
  }
  await expect
    .poll(async () => {
      const trace = await request.get("/api/public/traces/streamed-loop", { headers: { authorization: `Bearer ${key.secret}` } });
      return ((await trace.json()) as { findingCount: number }).findingCount;
    }, { timeout: 10_000 })
    .toBeGreaterThan(0);
});

test("content sent through the native API is found by the public list's search", async ({ request }) => {
  const { projectId } = await seedProject({ name: "Searched over HTTP", runs: [] });
  const key = await issueApiKey(projectId);
  const authorization = `Bearer ${key.secret}`;
  const batch = [
    { id: "run", type: "trace-create", timestamp: "2026-11-20T11:00:00Z", body: { id: "searched-run", name: "courier-agent" } },
    {
      id: "tool",
      type: "step-create",
      timestamp: "2026-11-20T11:00:01Z",
      body: { id: "track", traceId: "searched-run", kind: "tool", name: "track_parcel", status: "ok", startTime: "2026-11-20T11:00:01Z", output: { note: "left with the quokkas at the depot" } },
    },
  ];
  const sent = await request.post("/api/public/ingestion", { headers: { authorization, "content-type": "application/json" }, data: JSON.stringify({ batch }) });
  expect(sent.status()).toBe(200);

  const search = async (words: string) => {
    const response = await request.get(`/api/public/traces?search=${encodeURIComponent(words)}`, { headers: { authorization } });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { data: { id: string }[] }).data.map((item) => item.id);
  };
  expect(await search("quokkas")).toEqual(["searched-run"]);
  expect(await search("wombats")).toEqual([]);
});
