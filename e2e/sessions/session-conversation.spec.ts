import type { RecordedRun } from "@loupe/schema";
import { expect, test } from "@playwright/test";
import { corpusRun } from "../fixtures/corpus.ts";
import { seedProject } from "../fixtures/seed-project.ts";

const SESSION_ID = "conversation-e2e";

/** One turn of the conversation: a corpus run moved to `startTime` that answers `question`. */
function buildTurn(
  traceId: string,
  startTime: Date,
  question: string,
  answer: string,
): RecordedRun {
  const run = corpusRun("healthy-support-order-status", traceId);
  const shiftMs = startTime.getTime() - run.trace.startTime.getTime();
  const shift = (date: Date) => new Date(date.getTime() + shiftMs);
  return {
    ...run,
    trace: {
      ...run.trace,
      sessionId: SESSION_ID,
      userId: "customer-7",
      startTime,
      endTime: new Date(startTime.getTime() + 2_000),
      input: { messages: [{ role: "user", content: question }] },
      output: { answer },
    },
    steps: run.steps.map((step) => ({
      ...step,
      startTime: shift(step.startTime),
      ...(step.endTime ? { endTime: shift(step.endTime) } : {}),
    })),
  };
}

test("a session reads as a conversation of its runs, oldest first", async ({ page }, testInfo) => {
  const turns = [
    {
      id: "turn-1",
      at: "2026-11-20T10:00:00Z",
      question: "Where is order A-1?",
      answer: "It ships tomorrow.",
    },
    {
      id: "turn-2",
      at: "2026-11-20T10:05:00Z",
      question: "Can I change the address?",
      answer: "Yes, until it ships.",
    },
    {
      id: "turn-3",
      at: "2026-11-20T10:09:00Z",
      question: "Change it to 5 Main St.",
      answer: "Done: 5 Main St.",
    },
  ];
  // Stored out of order: the page orders by time, not by arrival.
  const runs = [turns[2]!, turns[0]!, turns[1]!].map((turn) =>
    buildTurn(turn.id, new Date(turn.at), turn.question, turn.answer),
  );
  const { projectId } = await seedProject({ name: "Session project", runs });

  await page.goto(`/project/${projectId}/sessions`);
  await page.getByTestId("session-row").filter({ hasText: SESSION_ID }).click();
  await expect(page).toHaveURL(new RegExp(`/project/${projectId}/sessions/${SESSION_ID}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(SESSION_ID);

  const conversation = page.getByTestId("session-conversation");
  const shown = conversation.getByTestId("conversation-turn");
  await expect(shown).toHaveCount(turns.length);
  for (const [index, turn] of turns.entries()) {
    const item = shown.nth(index);
    await expect(item).toHaveAttribute("data-trace-id", turn.id);
    await expect(item.getByTestId("user-bubble")).toHaveText(turn.question);
    await expect(item.getByTestId("answer-bubble")).toHaveText(turn.answer);
    await expect(item).toContainText("ok");
  }
  await page.screenshot({ path: testInfo.outputPath("session-conversation.png"), fullPage: true });

  await shown
    .nth(1)
    .getByRole("link", { name: /Open run/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`/traces/${turns[1]!.id}`));
});
