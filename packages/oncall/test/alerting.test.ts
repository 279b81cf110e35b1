import { verifyWebhookSignature } from "@loupe/alerts";
import { startWebhookReceiver } from "@loupe/alerts/testing";
import { SecretBox, ensureLocalAdmin, ensureProject } from "@loupe/db";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { analyseTrace } from "@loupe/findings";
import { buildCorpus, withFreshIds } from "@loupe/fixtures";
import { storeRecordedRun } from "@loupe/ingestion";
import type { RecordedRun } from "@loupe/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueWebhooks, ensureDefaultAlertRules, evaluateFindingAlerts, runAlertMaintenance } from "../src/index.ts";

let database: TestDatabase;
const secrets = new SecretBox("oncall-tests-secret-key");
const corpus = buildCorpus();
const fixture = (slug: string) => corpus.find((candidate) => candidate.slug === slug)!.run;


async function newProject(slug: string) {
  const admin = await ensureLocalAdmin(database.db);
  const project = await ensureProject(database.db, { slug, name: slug, ownerId: admin.id });
  await ensureDefaultAlertRules(database.db, project.id);
  return project.id;
}

/** The same run, every time moved by `ms`. */
function shiftedBy(run: RecordedRun, ms: number): RecordedRun {
  const shift = (time: Date) => new Date(time.getTime() + ms);
  return {
    ...run,
    trace: { ...run.trace, startTime: shift(run.trace.startTime), ...(run.trace.endTime ? { endTime: shift(run.trace.endTime) } : {}) },
    steps: run.steps.map((step) => ({ ...step, startTime: shift(step.startTime), ...(step.endTime ? { endTime: shift(step.endTime) } : {}) })),
  };
}

async function ingestAndAlert(projectId: string, run: RecordedRun, now: Date) {
  await storeRecordedRun(database.pool, { projectId, run });
  await analyseTrace(database.db, { projectId, traceId: run.trace.id });
  return evaluateFindingAlerts(database.db, { projectId, traceId: run.trace.id, now });
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("default rules", () => {
  it("are created once, and not again after a team deletes them", async () => {
    const projectId = await newProject("defaults");
    const count = await database.db.alertRule.count({ where: { projectId } });
    expect(count).toBeGreaterThan(3);
    await ensureDefaultAlertRules(database.db, projectId);
    expect(await database.db.alertRule.count({ where: { projectId } })).toBe(count);
    await database.db.alertRule.deleteMany({ where: { projectId } });
    await ensureDefaultAlertRules(database.db, projectId);
    expect(await database.db.alertRule.count({ where: { projectId } })).toBe(0);
  });
});

describe("finding alerts", () => {
  it("groups the same loop in many runs into one alert, counts runs once, and notifies once", async () => {
    const projectId = await newProject("grouping");
    await database.db.notificationChannel.create({
      data: { projectId, name: "ops", kind: "webhook", url: "http://127.0.0.1:9/unused", encryptedSecret: secrets.encrypt("s") },
    });
    const run = fixture("repeated-web-search");
    const now = new Date("2026-11-21T03:00:00Z");
    const first = await ingestAndAlert(projectId, run, now);
    expect(first.notifications).toBeGreaterThan(0);
    // The same run analysed again, and two more runs of the same agent.
    await evaluateFindingAlerts(database.db, { projectId, traceId: run.trace.id, now });
    await ingestAndAlert(projectId, withFreshIds(run, `${run.trace.id}-b`), new Date(now.getTime() + 60_000));
    await ingestAndAlert(projectId, withFreshIds(run, `${run.trace.id}-c`), new Date(now.getTime() + 120_000));

    const loopAlerts = await database.db.alert.findMany({ where: { projectId, groupKey: { contains: "finding.kind=repeated_call" } } });
    expect(loopAlerts).toHaveLength(1);
    const [loop] = loopAlerts;
    expect(loop!.occurrenceCount).toBe(3);
    expect(loop!.status).toBe("firing");
    expect(loop!.lastSeenAt.getTime()).toBe(now.getTime() + 120_000);
    expect(await database.db.alertOccurrence.count({ where: { alertId: loop!.id } })).toBe(3);
    expect(await database.db.alertDelivery.count({ where: { alertId: loop!.id } })).toBe(1);
  });

  it("stays quiet for a healthy run", async () => {
    const projectId = await newProject("healthy");
    await ingestAndAlert(projectId, fixture("healthy-support-order-status"), new Date());
    expect(await database.db.alert.count({ where: { projectId } })).toBe(0);
  });

  it("resolves an alert once its cooldown passes without new runs, and fires again when the loop returns", async () => {
    const projectId = await newProject("lifecycle");
    const run = fixture("repeated-web-search");
    const start = new Date("2026-11-21T04:00:00Z");
    await ingestAndAlert(projectId, run, start);
    const [alert] = await database.db.alert.findMany({ where: { projectId, groupKey: { contains: "repeated_call" } }, include: { rule: true } });
    const cooldownMs = alert!.rule.cooldownSeconds * 1000;

    await runAlertMaintenance(database.db, { now: new Date(start.getTime() + cooldownMs - 1000) });
    expect((await database.db.alert.findUniqueOrThrow({ where: { id: alert!.id } })).status).toBe("firing");
    await runAlertMaintenance(database.db, { now: new Date(start.getTime() + cooldownMs + 1000) });
    const resolved = await database.db.alert.findUniqueOrThrow({ where: { id: alert!.id } });
    expect(resolved.status).toBe("resolved");

    await ingestAndAlert(projectId, withFreshIds(run, `${run.trace.id}-later`), new Date(start.getTime() + 2 * cooldownMs));
    const refired = await database.db.alert.findUniqueOrThrow({ where: { id: alert!.id } });
    expect(refired.status).toBe("firing");
    expect(refired.occurrenceCount).toBe(2);
  });
});

describe("metric alerts", () => {
  it("fire when the error rate over the window passes the threshold", async () => {
    const projectId = await newProject("metrics");
    const failed = fixture("retry-storm-crm-auth");
    expect(failed.trace.status).toBe("error");
    await storeRecordedRun(database.pool, { projectId, run: failed });
    const now = new Date(failed.trace.startTime.getTime() + 10 * 60_000);
    await runAlertMaintenance(database.db, { now });
    const alerts = await database.db.alert.findMany({ where: { projectId, groupKey: "metric=error_rate" } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.title).toMatch(/error rate 100%/);
  });

  it("count a breach that goes on once, and a breach after recovery again", async () => {
    const projectId = await newProject("metric-occurrences");
    const rule = await database.db.alertRule.findFirstOrThrow({ where: { projectId, metric: "error_rate" } });
    const failed = withFreshIds(fixture("retry-storm-crm-auth"), "metric-first");
    await storeRecordedRun(database.pool, { projectId, run: failed });
    const breachedAt = new Date(failed.trace.startTime.getTime() + 60_000);
    const readAlert = () => database.db.alert.findFirstOrThrow({ where: { projectId, groupKey: "metric=error_rate" } });

    // Four checks, fifteen seconds apart, while the failed run is in the window.
    for (let check = 0; check < 4; check++) {
      await runAlertMaintenance(database.db, { now: new Date(breachedAt.getTime() + check * 15_000) });
    }
    const ongoing = await readAlert();
    expect(ongoing).toMatchObject({ status: "firing", occurrenceCount: 1 });
    expect(ongoing.lastSeenAt).toEqual(new Date(breachedAt.getTime() + 45_000));

    // The run leaves the window, the cooldown passes: resolved. A new failure fires it again.
    const recoveredAt = new Date(breachedAt.getTime() + (rule.windowSeconds! + rule.cooldownSeconds + 60) * 1000);
    await runAlertMaintenance(database.db, { now: recoveredAt });
    expect(await readAlert()).toMatchObject({ status: "resolved", occurrenceCount: 1 });
    const again = withFreshIds(fixture("retry-storm-crm-auth"), "metric-again");
    const shifted = shiftedBy(again, recoveredAt.getTime() + 60_000 - again.trace.startTime.getTime());
    await storeRecordedRun(database.pool, { projectId, run: shifted });
    await runAlertMaintenance(database.db, { now: new Date(recoveredAt.getTime() + 120_000) });
    expect(await readAlert()).toMatchObject({ status: "firing", occurrenceCount: 2 });
  });

  it("keep a breach that goes on in the alert lifecycle: a snooze that has ended is cleared", async () => {
    const projectId = await newProject("metric-seen");
    const failed = withFreshIds(fixture("retry-storm-crm-auth"), "metric-seen");
    await storeRecordedRun(database.pool, { projectId, run: failed });
    const breachedAt = new Date(failed.trace.startTime.getTime() + 60_000);
    await runAlertMaintenance(database.db, { now: breachedAt });
    const opened = await database.db.alert.findFirstOrThrow({ where: { projectId, groupKey: "metric=error_rate" } });
    await database.db.alert.update({ where: { id: opened.id }, data: { snoozedUntil: new Date(breachedAt.getTime() + 10_000) } });

    const stillBreached = new Date(breachedAt.getTime() + 15_000);
    await runAlertMaintenance(database.db, { now: stillBreached });
    expect(await database.db.alert.findUniqueOrThrow({ where: { id: opened.id } })).toMatchObject({
      status: "firing",
      occurrenceCount: 1,
      lastSeenAt: stillBreached,
      snoozedUntil: null,
    });
  });
});

describe("webhook delivery", () => {
  it("signs each delivery, retries a failing receiver with backoff, and logs every attempt", async () => {
    const receiver = await startWebhookReceiver({ failFirst: 1, failStatus: 503 });
    // Delivery is project-wide work: a database of its own keeps other tests' deliveries out.
    const shared = database;
    database = await createTestDatabase();
    try {
      const projectId = await newProject("delivery");
      await database.db.notificationChannel.create({
        data: { projectId, name: "receiver", kind: "webhook", url: receiver.url, encryptedSecret: secrets.encrypt("whsec-test") },
      });
      const now = new Date();
      await ingestAndAlert(projectId, fixture("repeated-web-search"), now);
      const pending = await database.db.alertDelivery.findMany({ where: { alert: { projectId } } });
      expect(pending.length).toBeGreaterThan(0);

      let clock = now;
      const options = { secrets, publicUrl: "http://loupe.test", networks: "public-and-private" as const, now: () => clock, random: () => 0.5 };
      expect(await deliverDueWebhooks(database.db, options)).toBe(pending.length);
      const afterFirst = await database.db.alertDelivery.findMany({ where: { alert: { projectId } } });
      const failedOnce = afterFirst.filter((delivery) => delivery.status === "pending" && delivery.attempt === 1);
      expect(failedOnce).toHaveLength(1);
      expect(failedOnce[0]!.responseCode).toBe(503);
      expect(failedOnce[0]!.nextAttemptAt!.getTime()).toBeGreaterThan(clock.getTime());

      // Not due yet: nothing is sent.
      expect(await deliverDueWebhooks(database.db, options)).toBe(0);
      clock = new Date(failedOnce[0]!.nextAttemptAt!.getTime() + 1);
      expect(await deliverDueWebhooks(database.db, options)).toBe(1);
      const delivered = await database.db.alertDelivery.findUniqueOrThrow({ where: { id: failedOnce[0]!.id } });
      expect(delivered).toMatchObject({ status: "delivered", attempt: 2, responseCode: 200 });

      expect(receiver.received.length).toBe(pending.length + 1);
      for (const request of receiver.received) {
        const header = request.headers["x-loupe-signature"];
        expect(verifyWebhookSignature({ secret: "whsec-test", header: String(header), body: request.rawBody, now: Math.floor(Date.now() / 1000) })).toBe(true);
      }
      const body = receiver.received.at(-1)!.body as { type: string; alert: { title: string } };
      expect(body.type).toMatch(/^loupe\.alert\./);
      expect(receiver.received.at(-1)!.rawBody).toContain("http://loupe.test/project/");
    } finally {
      await receiver.close();
      await database.drop();
      database = shared;
    }
  });

  it("fails a delivery to a refused address at once, with the reason, and still delivers to the others", async () => {
    const receiver = await startWebhookReceiver();
    const shared = database;
    database = await createTestDatabase();
    try {
      const projectId = await newProject("refused-delivery");
      // Stored directly, as a channel saved before the setting was tightened would be.
      const metadata = await database.db.notificationChannel.create({
        data: { projectId, name: "metadata", kind: "webhook", url: "http://169.254.169.254/latest/meta-data/", encryptedSecret: secrets.encrypt("s") },
      });
      const loopback = await database.db.notificationChannel.create({
        data: { projectId, name: "loopback", kind: "webhook", url: receiver.url, encryptedSecret: secrets.encrypt("s") },
      });
      const now = new Date();
      await ingestAndAlert(projectId, fixture("repeated-web-search"), now);
      const options = { secrets, publicUrl: null, now: () => now };

      await deliverDueWebhooks(database.db, { ...options, networks: "public-and-private" });
      const refused = await database.db.alertDelivery.findMany({ where: { channelId: metadata.id } });
      expect(refused.length).toBeGreaterThan(0);
      for (const delivery of refused) {
        expect(delivery).toMatchObject({ status: "failed", attempt: 1, responseCode: null, nextAttemptAt: null });
        expect(delivery.error).toMatch(/^refused: 169\.254\.169\.254 is a link-local address/);
      }
      const delivered = await database.db.alertDelivery.findMany({ where: { channelId: loopback.id } });
      expect(delivered.length).toBeGreaterThan(0);
      expect(delivered.every((delivery) => delivery.status === "delivered")).toBe(true);
      expect(receiver.received).toHaveLength(delivered.length);

      // The stricter setting refuses the loopback receiver as well.
      await database.db.alertDelivery.updateMany({ where: { channelId: loopback.id }, data: { status: "pending", attempt: 0, nextAttemptAt: now } });
      await deliverDueWebhooks(database.db, { ...options, networks: "public" });
      const refusedLoopback = await database.db.alertDelivery.findMany({ where: { channelId: loopback.id } });
      for (const delivery of refusedLoopback) {
        expect(delivery).toMatchObject({ status: "failed", attempt: 1 });
        expect(delivery.error).toMatch(/^refused: 127\.0\.0\.1 is a loopback address.*LOUPE_WEBHOOK_NETWORKS=public/);
      }
      expect(receiver.received).toHaveLength(delivered.length);
    } finally {
      await receiver.close();
      await database.drop();
      database = shared;
    }
  });
});
