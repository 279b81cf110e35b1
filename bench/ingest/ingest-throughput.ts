// Ingestion benchmark: batches of 100 steps with realistic payloads (the fixture corpus: support,
// research, fan-out and looping agents, conversations re-sent at every call) sent over HTTP to the
// built Loupe, against the local PostgreSQL. In the
// same run, the same rows are COPY'd into a bare table of the same shape: the ceiling.
// Prints throughput and per-batch latency percentiles with detection on and off, the delay from a
// loop's batch to its finding, and the ratio to COPY. Run `pnpm build` first.
import { pipeline } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { Readable } from "node:stream";
import { buildCorpus, withFreshIds } from "@loupe/fixtures";
import { recordedRunToEvents } from "@loupe/ingestion";
import type { RecordedStep } from "@loupe/schema";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createEmptyTestDatabase } from "@loupe/db/testing";
import { startLoupe, type RunningLoupe } from "../support/start-loupe.ts";
import { percentile, runConcurrently } from "../support/stats.ts";

const BATCHES = Number(process.env.BENCH_BATCHES ?? 120);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const STEPS_PER_BATCH = 100;
const FINDING_SAMPLES = Number(process.env.BENCH_FINDING_SAMPLES ?? 10);
// Detection on and off alternate, round after round: this machine's speed drifts by about 20%
// between runs, and alternating spreads the drift over both sides of the comparison.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PORT = 3290;

type Batch = { steps: { traceId: string; step: RecordedStep }[]; body: string };

/**
 * The corpus's runs, copied under fresh ids as often as needed, their events sent in batches of
 * exactly 100 steps, as an SDK's exporter batches the steps of the runs it has in flight: a batch
 * may end one run and start the next, whose trace event then travels with its first steps.
 */
function buildBatches(): Batch[] {
  const batches: Batch[] = [];
  let events: unknown[] = [];
  let steps: Batch["steps"] = [];
  for (let copy = 0; batches.length < BATCHES; copy++) {
    // Each copy from a seed of its own: its tool outputs, answers and conversations are new, as a
    // real agent's runs are, while prompts and tool definitions repeat.
    for (const { run } of buildCorpus({ seed: copy + 1 })) {
      const copied = withFreshIds(run, `${run.trace.id}-${copy}`);
      const stepsById = new Map(copied.steps.map((step) => [step.id, step]));
      for (const event of recordedRunToEvents(copied)) {
        if (event.type === "score-create" || batches.length >= BATCHES) continue;
        events.push(event);
        if (event.type !== "step-create") continue;
        steps.push({ traceId: copied.trace.id, step: stepsById.get(event.body.id)! });
        if (steps.length === STEPS_PER_BATCH) {
          batches.push({ steps, body: JSON.stringify({ batch: events }) });
          events = [];
          steps = [];
        }
      }
    }
  }
  return batches;
}

const csv = (value: string | number | null | undefined) =>
  value === null || value === undefined ? "" : `"${String(value).replaceAll('"', '""')}"`;

function copyRow(traceId: string, step: RecordedStep): string {
  return [
    step.id,
    traceId,
    step.parentId,
    step.kind,
    step.name,
    step.startTime.toISOString(),
    step.endTime?.toISOString(),
    step.model,
    step.input === undefined ? null : JSON.stringify(step.input),
    step.output === undefined ? null : JSON.stringify(step.output),
    JSON.stringify(step.attributes),
    step.usage?.input,
    step.usage?.output,
  ]
    .map(csv)
    .join(",");
}

/** On a database of its own, with no Loupe running: the ceiling measured on an idle server. */
async function measureCopy(batches: Batch[]) {
  const database = await createEmptyTestDatabase();
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE TABLE bench_copy_step (
      id text PRIMARY KEY, trace_id text, parent_id text, kind text, name text, start_time timestamptz,
      end_time timestamptz, model text, input jsonb, output jsonb, attributes jsonb, input_tokens int, output_tokens int)`);
    const lines = batches.flatMap(({ steps }) => steps.map(({ traceId, step }) => `${copyRow(traceId, step)}\n`));
    const started = performance.now();
    await pipeline(Readable.from(lines), client.query(copyFrom("COPY bench_copy_step FROM STDIN WITH (FORMAT csv)")));
    const seconds = (performance.now() - started) / 1000;
    return lines.length / seconds;
  } finally {
    await client.end();
    await database.drop();
  }
}

type NativeRun = { stepsPerSecond: number; latencies: number[]; findingDelays: number[]; delaysAfterLoad: number[] };

/** Sends every batch to a fresh Loupe; with detection on, also times loops from batch to finding. */
async function measureNative(batches: Batch[], detection: "on" | "off"): Promise<NativeRun> {
  const steps = batches.reduce((total, batch) => total + batch.steps.length, 0);
  const loupe = await startLoupe({ port: PORT, env: { LOUPE_DETECTION: detection } });
  try {
    // Warm-up: compile the route, fill connection pools.
    const warmUp = buildCorpus({ seed: 999 })[0]!.run;
    await loupe.ingest(JSON.stringify({ batch: recordedRunToEvents(warmUp) }));

    // Delays first, on an idle server: afterwards the detectors would still be working through
    // the load's backlog, and the figure would measure the queue instead.
    const findingDelays = detection === "on" ? await measureFindingDelays(loupe, { label: "idle", samples: FINDING_SAMPLES, timeoutMs: 10_000 }) : [];
    const started = performance.now();
    const latencies = (await runConcurrently(batches.map((batch) => () => loupe.ingest(batch.body)), CONCURRENCY)).sort((a, b) => a - b);
    const stepsPerSecond = steps / ((performance.now() - started) / 1000);
    // Detection yields to ingestion: how far behind it is once the load stops.
    const delaysAfterLoad = detection === "on" ? await measureFindingDelays(loupe, { label: "after-load", samples: 1, timeoutMs: 120_000 }) : [];
    return { stepsPerSecond, latencies, findingDelays, delaysAfterLoad };
  } finally {
    await loupe.stop();
  }
}

/** From the batch holding the step that completes a loop to the finding readable through the API. */
async function measureFindingDelays(
  loupe: RunningLoupe,
  { label, samples, timeoutMs }: { label: string; samples: number; timeoutMs: number },
) {
  const loop = buildCorpus().find((fixture) => fixture.slug === "repeated-web-search")!.run;
  const delays: number[] = [];
  for (let index = 0; index < samples; index++) {
    const run = withFreshIds(loop, `${loop.trace.id}-${label}-${index}`);
    const traceId = run.trace.id;
    const startedAt = performance.now();
    await loupe.ingest(JSON.stringify({ batch: recordedRunToEvents(run) }));
    for (;;) {
      const response = await fetch(`${loupe.baseUrl}/api/public/traces/${traceId}`, { headers: { authorization: `Bearer ${loupe.secret}` } });
      const { findingCount } = (await response.json()) as { findingCount: number };
      if (findingCount > 0) break;
      if (performance.now() - startedAt > timeoutMs) throw new Error(`no finding for ${traceId} within ${timeoutMs / 1000} s`);
      await sleep(10);
    }
    delays.push(performance.now() - startedAt);
  }
  return delays.sort((a, b) => a - b);
}

async function main() {
  const batches = buildBatches();
  const steps = batches.reduce((total, batch) => total + batch.steps.length, 0);
  const megabytes = batches.reduce((total, batch) => total + batch.body.length, 0) / 1024 / 1024;
  const rounds: { on: NativeRun; off: NativeRun }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    rounds.push({ on: await measureNative(batches, "on"), off: await measureNative(batches, "off") });
  }
  const withDetection = combineRounds(rounds.map((round) => round.on));
  const withoutDetection = combineRounds(rounds.map((round) => round.off));
  const copyPerSecond = await measureCopy(batches);

  const describe = (label: string, run: NativeRun) =>
    `  ${label.padEnd(16)} ${run.stepsPerSecond.toFixed(0).padStart(6)} steps/s   batch p50 ${percentile(run.latencies, 0.5).toFixed(0)} ms, p99 ${percentile(run.latencies, 0.99).toFixed(0)} ms`;
  console.log(`native API: ${BATCHES} batches, ${steps} steps (${megabytes.toFixed(1)} MiB of JSON), ${CONCURRENCY} in flight, ${ROUNDS} rounds`);
  rounds.forEach(({ on, off }, index) =>
    console.log(`  round ${index + 1}: detection on ${on.stepsPerSecond.toFixed(0)} steps/s, off ${off.stepsPerSecond.toFixed(0)} steps/s`),
  );
  console.log(describe("detection on", withDetection));
  console.log(describe("detection off", withoutDetection));
  console.log(`  detection costs ${((1 - withDetection.stepsPerSecond / withoutDetection.stepsPerSecond) * 100).toFixed(1)}% of throughput (target: at most 15%)`);
  const delays = withDetection.findingDelays;
  console.log(`  step → finding (${delays.length} loops, idle; slowest ${delays.at(-1)!.toFixed(0)} ms): p50 ${percentile(delays, 0.5).toFixed(0)} ms, p99 ${percentile(delays, 0.99).toFixed(0)} ms (target: p99 under 1,000 ms)`);
  const backlog = withDetection.delaysAfterLoad.map((delay) => delay.toFixed(0)).join(" ms, ");
  console.log(`  step → finding for a loop sent as the load ends: ${backlog} ms (analysis yields to ingestion, so this is its backlog)`);
  console.log(`raw COPY of the same rows into a bare table: ${copyPerSecond.toFixed(0)} rows/s`);
  console.log(`ratio native API (detection on) / COPY: ${(withDetection.stepsPerSecond / copyPerSecond).toFixed(2)}`);
}

/** All rounds of one side as one: throughput over their total time, percentiles over all batches. */
function combineRounds(runs: NativeRun[]): NativeRun {
  const seconds = runs.reduce((total, run) => total + 1 / run.stepsPerSecond, 0);
  const byValue = (a: number, b: number) => a - b;
  return {
    stepsPerSecond: runs.length / seconds,
    latencies: runs.flatMap((run) => run.latencies).sort(byValue),
    findingDelays: runs.flatMap((run) => run.findingDelays).sort(byValue),
    delaysAfterLoad: runs.flatMap((run) => run.delaysAfterLoad),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
