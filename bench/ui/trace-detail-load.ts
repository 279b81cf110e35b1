/// <reference lib="dom" />
// Trace page benchmark: how the built Loupe's trace detail copes with runs of 25,000 and 100,000
// steps, against a 1,000-step run measured in the same session. For each run it opens the page in
// Chromium and prints the time to the first rows, the time until the page is interactive (a click on
// a step selects it), the time until every step has loaded, frame times while a script scrolls the
// step tree (requestAnimationFrame deltas, p50/p95), and the JS heap after loading, with ratios to
// the baseline. Targets: 25,000 steps interactive in under 2 s; 100,000 steps open without a crash
// or a frozen tab. Run `pnpm build` first.
import { buildLargeRun } from "@loupe/fixtures";
import { createSqlPool } from "@loupe/db";
import { storeRecordedRun } from "@loupe/ingestion";
import { chromium, type Browser } from "playwright-core";
import { startLoupe } from "../support/start-loupe.ts";
import { percentile } from "../support/stats.ts";

const RUN_SIZES = [1_000, 25_000, 100_000];
const INTERACTIVE_TARGET_MS = 2_000;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PORT = 3292;
/** Frames of scripted scrolling, and how far each frame moves: the same work for both runs. */
const SCROLL_FRAMES = 600;
const SCROLL_PX_PER_FRAME = 120;
/** The tree's rows are 32 px; a little slack for borders. */
const MIN_ROW_PX = 30;
const LOAD_TIMEOUT_MS = 15 * 60_000;

// The same flags as the browser tests (e2e/playwright.config.ts).
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

type PageFigures = {
  steps: number;
  firstRowsMs: number;
  interactiveMs: number;
  allLoadedMs: number;
  frameP50Ms: number;
  frameP95Ms: number;
  heapMiB: number;
};

async function measureTracePage(
  browser: Browser,
  url: string,
  steps: number,
): Promise<PageFigures> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    const started = performance.now();
    await page.goto(url, { waitUntil: "commit" });
    await page
      .locator('[data-testid="step-row"]')
      .first()
      .waitFor({ state: "visible", timeout: LOAD_TIMEOUT_MS });
    const firstRowsMs = performance.now() - started;
    // Interactive: the main thread answers a click on a step while the rest of the run streams in.
    await page.locator('[data-testid="step-row"]').first().click({ timeout: LOAD_TIMEOUT_MS });
    await page.waitForURL(/[?&]step=/, { timeout: LOAD_TIMEOUT_MS });
    const interactiveMs = performance.now() - started;

    // Loaded means the progress bar has gone and the virtual list is as tall as every row.
    await page.waitForFunction(
      ({ minHeight }) => {
        const tree = document.querySelector('[role="tree"]');
        return (
          !document.querySelector('[data-testid="step-load-progress"]') &&
          tree !== null &&
          tree.scrollHeight >= minHeight
        );
      },
      { minHeight: steps * MIN_ROW_PX },
      { timeout: LOAD_TIMEOUT_MS, polling: 50 },
    );
    const allLoadedMs = performance.now() - started;

    const cdp = await context.newCDPSession(page);
    await cdp.send("HeapProfiler.collectGarbage");
    await cdp.send("Performance.enable");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const heapBytes =
      metrics.find((metric) => metric.name === "JSHeapUsedSize")?.value ?? Number.NaN;

    const frames = await page.evaluate(
      async ({ frameCount, pxPerFrame }) => {
        const tree = document.querySelector('[role="tree"]');
        if (!tree) throw new Error("no step tree on the page");
        const bottom = tree.scrollHeight - tree.clientHeight;
        const deltas: number[] = [];
        let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
        for (let frame = 0; frame < frameCount; frame++) {
          // Down through the tree, back to the top when the end is reached.
          tree.scrollTop = tree.scrollTop + pxPerFrame > bottom ? 0 : tree.scrollTop + pxPerFrame;
          const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
          deltas.push(now - last);
          last = now;
        }
        return deltas;
      },
      { frameCount: SCROLL_FRAMES, pxPerFrame: SCROLL_PX_PER_FRAME },
    );
    const sortedFrames = frames.sort((a, b) => a - b);
    return {
      steps,
      firstRowsMs,
      interactiveMs,
      allLoadedMs,
      frameP50Ms: percentile(sortedFrames, 0.5),
      frameP95Ms: percentile(sortedFrames, 0.95),
      heapMiB: heapBytes / 1024 / 1024,
    };
  } finally {
    await context.close();
  }
}

function printFigures(figures: PageFigures[]) {
  const [baseline] = figures;
  if (!baseline) return;
  const rows: [string, (figures: PageFigures) => number, string][] = [
    ["time to first rows", (page) => page.firstRowsMs, "ms"],
    ["time to interactive", (page) => page.interactiveMs, "ms"],
    ["time until all steps loaded", (page) => page.allLoadedMs, "ms"],
    ["scroll frame p50", (page) => page.frameP50Ms, "ms"],
    ["scroll frame p95", (page) => page.frameP95Ms, "ms"],
    ["JS heap after load", (page) => page.heapMiB, "MiB"],
  ];
  console.log(`${"".padEnd(30)}${figures.map((page) => `${page.steps.toLocaleString("en-US")} steps`.padStart(26)).join("")}`);
  for (const [label, read, unit] of rows) {
    const cells = figures.map((page) => {
      const value = `${read(page).toFixed(1)} ${unit}`;
      return (page === baseline ? value : `${value} (×${(read(page) / read(baseline)).toFixed(2)})`).padStart(26);
    });
    console.log(`${label.padEnd(30)}${cells.join("")}`);
  }
  const target = figures.find((page) => page.steps === 25_000);
  if (target) {
    console.log(`25,000 steps interactive in under ${INTERACTIVE_TARGET_MS} ms: ${target.interactiveMs < INTERACTIVE_TARGET_MS ? "met" : "NOT met"}`);
  }
  const largest = figures.at(-1)!;
  console.log(`${largest.steps.toLocaleString("en-US")} steps opened, loaded and scrolled without a crash: met`);
}

async function main() {
  const loupe = await startLoupe({ port: PORT });
  const pool = createSqlPool(loupe.databaseUrl, { maxConnections: 4 });
  let browser: Browser | undefined;
  try {
    // Different seeds give different ids: steps are keyed by project and id, so the runs must
    // not share any.
    const runs = RUN_SIZES.map((steps, index) => ({ steps, run: buildLargeRun({ steps, seed: index + 1 }) }));
    for (const { steps, run } of runs) {
      const seeded = performance.now();
      await storeRecordedRun(pool, { projectId: loupe.projectId, run });
      console.log(
        `stored a ${steps.toLocaleString("en-US")}-step run in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
      );
    }

    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    const figures: PageFigures[] = [];
    for (const { steps, run } of runs) {
      figures.push(
        await measureTracePage(
          browser,
          `${loupe.baseUrl}/project/${loupe.projectId}/traces/${encodeURIComponent(run.trace.id)}`,
          steps,
        ),
      );
    }
    printFigures(figures);
  } finally {
    await browser?.close();
    await pool.end();
    await loupe.stop();
  }
}

await main();
