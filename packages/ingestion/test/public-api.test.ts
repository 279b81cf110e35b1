import { gzipSync } from "node:zlib";
import { buildCorpus } from "@loupe/fixtures";
import { createApiKey, ensureLocalAdmin, ensureProject, revokeApiKey, type SqlPool } from "@loupe/db";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiKeyAuthenticator,
  INGESTION_LIMITS,
  KnownContent,
  RateLimiter,
  handleGetTrace,
  handleIngestionBatch,
  handleListTraces,
  recordedRunToEvents,
  type PublicApiDependencies,
} from "../src/index.ts";

let database: TestDatabase;
let pool: SqlPool;
let deps: PublicApiDependencies;
let key: { publicKey: string; secret: string; id: string };
let otherKey: { publicKey: string; secret: string; id: string };
let projectId: string;

const corpus = buildCorpus();
const run = corpus.find((fixture) => fixture.slug === "healthy-support-order-status")!.run;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = database.pool;
  const admin = await ensureLocalAdmin(database.db);
  projectId = (await ensureProject(database.db, { slug: "public-api", name: "Public API", ownerId: admin.id })).id;
  const otherProject = await ensureProject(database.db, { slug: "someone-else", name: "Someone else", ownerId: admin.id });
  key = await createApiKey(database.db, { projectId, name: "test" });
  otherKey = await createApiKey(database.db, { projectId: otherProject.id, name: "other" });
  deps = {
    pool,
    db: database.db,
    knownContent: new KnownContent(),
    estimateUsage: () => ({ input: 1, output: 1 }),
    calculateCost: () => null,
    authenticator: new ApiKeyAuthenticator(database.db, 0),
    rateLimiter: new RateLimiter({ perSecond: 1_000, burst: 1_000 }),
  };
});
afterAll(() => database.drop());

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const basic = (publicKey: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${publicKey}:${secret}`).toString("base64")}`,
});

function post(body: string | Buffer, headers: Record<string, string>) {
  return new Request("http://loupe.test/api/public/ingestion", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { status: number; message: string; field?: string } }).error;
}

describe("POST /api/public/ingestion", () => {
  it("accepts a batch with a Bearer secret, and the same with HTTP Basic, gzip-compressed", async () => {
    const events = recordedRunToEvents(run);
    const first = await handleIngestionBatch(deps, post(JSON.stringify({ batch: events }), bearer(key.secret)));
    expect(first.status).toBe(200);
    const body = (await first.json()) as { successes: { status: number }[]; errors: unknown[] };
    expect(body.errors).toEqual([]);
    expect(body.successes).toHaveLength(events.length);

    const retry = await handleIngestionBatch(
      deps,
      post(gzipSync(JSON.stringify({ batch: events })), { ...basic(key.publicKey, key.secret), "content-encoding": "gzip" }),
    );
    expect(retry.status).toBe(200);
    const retried = (await retry.json()) as { successes: { duplicate?: boolean }[] };
    expect(retried.successes.every((result) => result.duplicate)).toBe(true);
  });

  it("answers 207 with the field and reason of each failed event", async () => {
    const response = await handleIngestionBatch(
      deps,
      post(
        JSON.stringify({
          batch: [
            { id: "good", type: "trace-create", timestamp: "2026-11-01T00:00:00Z", body: { id: "t-207" } },
            { id: "bad", type: "step-create", timestamp: "2026-11-01T00:00:00Z", body: { id: "s", traceId: "t-207", usage: { input: -1 } } },
          ],
        }),
        bearer(key.secret),
      ),
    );
    expect(response.status).toBe(207);
    const body = (await response.json()) as { errors: { id: string; field: string; message: string }[] };
    expect(body.errors).toEqual([expect.objectContaining({ id: "bad", field: "batch[1].body.usage.input" })]);
  });

  it.each([
    ["no header", {}, /Missing Authorization/],
    ["a malformed header", { authorization: "Token abc" }, /Malformed Authorization/],
    ["a wrong secret", bearer("sk-lp-not-a-real-secret"), /Invalid API key/],
  ])("refuses %s with 401", async (_case, headers, message) => {
    const response = await handleIngestionBatch(deps, post(JSON.stringify({ batch: [] }), headers));
    expect(response.status).toBe(401);
    expect((await errorOf(response)).message).toMatch(message);
  });

  it("refuses a public key paired with another project's secret", async () => {
    const response = await handleIngestionBatch(deps, post(JSON.stringify({ batch: [] }), basic(key.publicKey, otherKey.secret)));
    expect(response.status).toBe(401);
    expect((await errorOf(response)).message).toMatch(/does not belong/);
  });

  it("refuses a revoked key", async () => {
    const doomed = await createApiKey(database.db, { projectId, name: "doomed" });
    expect((await handleIngestionBatch(deps, post(JSON.stringify({ batch: [] }), bearer(doomed.secret)))).status).toBe(200);
    await revokeApiKey(database.db, { projectId, apiKeyId: doomed.id });
    expect((await handleIngestionBatch(deps, post(JSON.stringify({ batch: [] }), bearer(doomed.secret)))).status).toBe(401);
  });

  it.each([
    ["malformed JSON", "{ batch: [", 400, "body", /Malformed JSON/],
    ["a body without a batch", JSON.stringify({ events: [] }), 400, "batch", /"batch" array/],
    [
      "too many events",
      JSON.stringify({ batch: Array.from({ length: INGESTION_LIMITS.maxEventsPerBatch + 1 }, () => ({})) }),
      413,
      "batch",
      /at most 1000 events/,
    ],
  ])("refuses %s clearly", async (_case, body, status, field, message) => {
    const response = await handleIngestionBatch(deps, post(body, bearer(key.secret)));
    expect(response.status).toBe(status);
    const error = await errorOf(response);
    expect(error.message).toMatch(message);
    expect(error.field).toBe(field);
  });

  it("refuses bodies over the size limit, before and after decompression", async () => {
    const oversized = "x".repeat(INGESTION_LIMITS.maxBodyBytes + 1);
    const plain = await handleIngestionBatch(deps, post(oversized, bearer(key.secret)));
    expect(plain.status).toBe(413);
    expect((await errorOf(plain)).message).toContain(String(INGESTION_LIMITS.maxBodyBytes));

    const bomb = await handleIngestionBatch(deps, post(gzipSync(oversized), { ...bearer(key.secret), "content-encoding": "gzip" }));
    expect(bomb.status).toBe(413);

    const notGzip = await handleIngestionBatch(deps, post("plain", { ...bearer(key.secret), "content-encoding": "gzip" }));
    expect(notGzip.status).toBe(400);
    const brotli = await handleIngestionBatch(deps, post("plain", { ...bearer(key.secret), "content-encoding": "br" }));
    expect(brotli.status).toBe(415);
  });

  it("limits the rate per key with 429 and Retry-After", async () => {
    const limited = { ...deps, rateLimiter: new RateLimiter({ perSecond: 1, burst: 2 }) };
    const send = () => handleIngestionBatch(limited, post(JSON.stringify({ batch: [] }), bearer(key.secret)));
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Another key has its own bucket.
    const other = await handleIngestionBatch(limited, post(JSON.stringify({ batch: [] }), bearer(otherKey.secret)));
    expect(other.status).toBe(200);
  });
});

describe("GET /api/public/traces", () => {
  const get = (path: string, secret = key.secret) => new Request(`http://loupe.test${path}`, { headers: bearer(secret) });

  it("returns a run with its steps and content resolved, only to its own project", async () => {
    const response = await handleGetTrace(deps, get(`/api/public/traces/${run.trace.id}`), run.trace.id);
    expect(response.status).toBe(200);
    const trace = (await response.json()) as { name: string; steps: { id: string; input: unknown }[]; inputTokens: number };
    expect(trace.name).toBe(run.trace.name);
    expect(trace.steps).toHaveLength(run.steps.length);
    const llm = run.steps.find((step) => step.kind === "llm")!;
    expect(trace.steps.find((step) => step.id === llm.id)?.input).toEqual(llm.input);
    expect(typeof trace.inputTokens).toBe("number");
    // Storage bookkeeping stays private.
    expect(trace).not.toHaveProperty("projectId");
    expect(trace.steps[0]).not.toHaveProperty("seq");
    expect(trace.steps[0]).not.toHaveProperty("lastUpdateAt");

    const foreign = await handleGetTrace(deps, get(`/api/public/traces/${run.trace.id}`, otherKey.secret), run.trace.id);
    expect(foreign.status).toBe(404);
  });

  it("lists with filters and a cursor, and refuses a bad cursor or filter by name", async () => {
    for (const index of [1, 2, 3]) {
      await handleIngestionBatch(
        deps,
        post(
          JSON.stringify({
            batch: [{ id: `list-${index}`, type: "trace-create", timestamp: `2026-11-0${index}T00:00:00Z`, body: { id: `list-${index}`, name: "lister", startTime: `2026-11-0${index}T00:00:00Z`, tags: ["listed"] } }],
          }),
          bearer(key.secret),
        ),
      );
    }
    const first = await handleListTraces(deps, get("/api/public/traces?name=lister&limit=2"));
    const firstPage = (await first.json()) as { data: { id: string }[]; nextCursor: string };
    expect(firstPage.data.map((trace) => trace.id)).toEqual(["list-3", "list-2"]);
    const second = await handleListTraces(deps, get(`/api/public/traces?name=lister&limit=2&cursor=${firstPage.nextCursor}`));
    const secondPage = (await second.json()) as { data: { id: string }[]; nextCursor: string | null };
    expect(secondPage.data.map((trace) => trace.id)).toEqual(["list-1"]);
    expect(secondPage.nextCursor).toBeNull();

    const tagged = (await (await handleListTraces(deps, get("/api/public/traces?tag=listed&startedAfter=2026-11-02T00:00:00Z"))).json()) as { data: { id: string }[] };
    expect(tagged.data.map((trace) => trace.id)).toEqual(["list-3", "list-2"]);

    const forgedKey = Buffer.from(JSON.stringify({ startTime: "2026-11-02T00:00:00Z", id: "x", sortKey: "'; DROP TABLE trace; --" })).toString("base64url");
    expect((await handleListTraces(deps, get(`/api/public/traces?cursor=${forgedKey}`))).status).toBe(400);
    const badCursor = await handleListTraces(deps, get("/api/public/traces?cursor=nonsense"));
    expect(badCursor.status).toBe(400);
    expect((await errorOf(badCursor)).field).toBe("cursor");
    const badStatus = await handleListTraces(deps, get("/api/public/traces?status=exploded"));
    expect(badStatus.status).toBe(400);
    expect((await errorOf(badStatus)).field).toBe("status");
  });
});
