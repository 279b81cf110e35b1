import { describe, expect, it } from "vitest";
import {
  applyAlertEvent,
  canApply,
  openAlert,
  type AlertEvent,
  type AlertNoticeKind,
  type AlertState,
} from "./alert-lifecycle.ts";

const OPENED_AT = new Date("2025-01-15T10:00:00.000Z");

/** Minutes after the alert opened. */
function minute(offset: number): Date {
  return new Date(OPENED_AT.getTime() + offset * 60_000);
}

function replay(events: AlertEvent[]): AlertState {
  return events.reduce((state, event) => applyAlertEvent(state, event).state, openAlert(OPENED_AT));
}

const acknowledged: AlertEvent[] = [{ type: "acknowledge", at: minute(1) }];
const resolved: AlertEvent[] = [{ type: "resolve", at: minute(2) }];
const snoozedUntil30: AlertEvent[] = [{ type: "snooze", at: minute(1), until: minute(30) }];

type LifecycleCase = {
  name: string;
  given: AlertEvent[];
  event: AlertEvent;
  expected: Partial<AlertState>;
  notify: AlertNoticeKind | null;
};

const cases: LifecycleCase[] = [
  {
    name: "an occurrence on a firing alert only counts",
    given: [],
    event: { type: "occurrence", at: minute(5) },
    expected: {
      status: "firing",
      occurrenceCount: 2,
      lastSeenAt: minute(5),
      firstSeenAt: OPENED_AT,
    },
    notify: null,
  },
  {
    name: "an occurrence on an acknowledged alert keeps it acknowledged",
    given: acknowledged,
    event: { type: "occurrence", at: minute(5) },
    expected: { status: "acknowledged", occurrenceCount: 2, acknowledgedAt: minute(1) },
    notify: null,
  },
  {
    name: "an occurrence on a resolved alert refires it and keeps counting",
    given: [{ type: "occurrence", at: minute(1) }, ...acknowledged, ...resolved],
    event: { type: "occurrence", at: minute(10) },
    expected: {
      status: "firing",
      occurrenceCount: 3,
      resolvedAt: null,
      acknowledgedAt: null,
      lastSeenAt: minute(10),
    },
    notify: "refired",
  },
  {
    name: "a late occurrence does not move lastSeenAt back",
    given: [{ type: "occurrence", at: minute(10) }],
    event: { type: "occurrence", at: minute(3) },
    expected: { occurrenceCount: 3, lastSeenAt: minute(10) },
    notify: null,
  },
  {
    name: "seeing a firing alert again moves lastSeenAt without counting",
    given: [],
    event: { type: "seen", at: minute(5) },
    expected: {
      status: "firing",
      occurrenceCount: 1,
      lastSeenAt: minute(5),
      firstSeenAt: OPENED_AT,
    },
    notify: null,
  },
  {
    name: "seeing an acknowledged alert again keeps it acknowledged",
    given: acknowledged,
    event: { type: "seen", at: minute(5) },
    expected: {
      status: "acknowledged",
      occurrenceCount: 1,
      acknowledgedAt: minute(1),
      lastSeenAt: minute(5),
    },
    notify: null,
  },
  {
    name: "a late sighting does not move lastSeenAt back",
    given: [{ type: "occurrence", at: minute(10) }],
    event: { type: "seen", at: minute(3) },
    expected: { occurrenceCount: 2, lastSeenAt: minute(10) },
    notify: null,
  },
  {
    name: "a sighting after the snooze ends clears it without telling anyone",
    given: snoozedUntil30,
    event: { type: "seen", at: minute(30) },
    expected: { status: "firing", snoozedUntil: null, occurrenceCount: 1, lastSeenAt: minute(30) },
    notify: null,
  },
  {
    name: "acknowledging a firing alert records when",
    given: [],
    event: { type: "acknowledge", at: minute(3) },
    expected: { status: "acknowledged", acknowledgedAt: minute(3) },
    notify: null,
  },
  {
    name: "resolving a firing alert tells on-call",
    given: [],
    event: { type: "resolve", at: minute(4) },
    expected: { status: "resolved", resolvedAt: minute(4) },
    notify: "resolved",
  },
  {
    name: "resolving an acknowledged alert tells on-call",
    given: acknowledged,
    event: { type: "resolve", at: minute(4) },
    expected: { status: "resolved", resolvedAt: minute(4), acknowledgedAt: minute(1) },
    notify: "resolved",
  },
  {
    name: "snoozing sets the end of the snooze and nothing else",
    given: [],
    event: { type: "snooze", at: minute(1), until: minute(30) },
    expected: { status: "firing", snoozedUntil: minute(30), occurrenceCount: 1 },
    notify: null,
  },
  {
    name: "a snoozed alert that comes back refires silently and stays snoozed",
    given: [...snoozedUntil30, ...resolved],
    event: { type: "occurrence", at: minute(10) },
    expected: { status: "firing", occurrenceCount: 2, snoozedUntil: minute(30) },
    notify: null,
  },
  {
    name: "a snoozed alert resolves silently",
    given: snoozedUntil30,
    event: { type: "resolve", at: minute(10) },
    expected: { status: "resolved", resolvedAt: minute(10) },
    notify: null,
  },
  {
    name: "an occurrence after the snooze ends clears it without telling anyone again",
    given: snoozedUntil30,
    event: { type: "occurrence", at: minute(30) },
    expected: { status: "firing", snoozedUntil: null, occurrenceCount: 2 },
    notify: null,
  },
  {
    name: "a resolved alert that comes back after the snooze ends refires out loud",
    given: [...snoozedUntil30, ...resolved],
    event: { type: "occurrence", at: minute(31) },
    expected: { status: "firing", snoozedUntil: null },
    notify: "refired",
  },
  {
    name: "a quiet condition resolves the alert once the cooldown has passed",
    given: [{ type: "occurrence", at: minute(10) }],
    event: {
      type: "condition_clear_check",
      at: minute(25),
      conditionActive: false,
      cooldownSeconds: 900,
    },
    expected: { status: "resolved", resolvedAt: minute(25) },
    notify: "resolved",
  },
  {
    name: "a quiet condition does not resolve the alert before the cooldown has passed",
    given: [{ type: "occurrence", at: minute(10) }],
    event: {
      type: "condition_clear_check",
      at: minute(24),
      conditionActive: false,
      cooldownSeconds: 900,
    },
    expected: { status: "firing", resolvedAt: null },
    notify: null,
  },
  {
    name: "an active condition keeps the alert open however long it has been",
    given: [],
    event: {
      type: "condition_clear_check",
      at: minute(600),
      conditionActive: true,
      cooldownSeconds: 900,
    },
    expected: { status: "firing", resolvedAt: null },
    notify: null,
  },
  {
    name: "an acknowledged alert also resolves by itself",
    given: acknowledged,
    event: {
      type: "condition_clear_check",
      at: minute(15),
      conditionActive: false,
      cooldownSeconds: 900,
    },
    expected: { status: "resolved", resolvedAt: minute(15) },
    notify: "resolved",
  },
  {
    name: "a zero cooldown resolves as soon as the condition clears",
    given: [],
    event: {
      type: "condition_clear_check",
      at: OPENED_AT,
      conditionActive: false,
      cooldownSeconds: 0,
    },
    expected: { status: "resolved" },
    notify: "resolved",
  },
];

describe("applyAlertEvent", () => {
  it.each(cases.map((testCase) => [testCase.name, testCase] as const))("%s", (_name, testCase) => {
    const { state, notify } = applyAlertEvent(replay(testCase.given), testCase.event);
    expect(state).toMatchObject(testCase.expected);
    expect(notify).toBe(testCase.notify);
  });

  it.each([
    ["acknowledging a resolved alert", resolved, { type: "acknowledge", at: minute(5) }],
    ["acknowledging an acknowledged alert", acknowledged, { type: "acknowledge", at: minute(5) }],
    ["resolving a resolved alert", resolved, { type: "resolve", at: minute(5) }],
    ["seeing a resolved alert again", resolved, { type: "seen", at: minute(5) }],
    [
      "checking a resolved alert's condition",
      resolved,
      { type: "condition_clear_check", at: minute(60), conditionActive: false, cooldownSeconds: 0 },
    ],
  ] satisfies [string, AlertEvent[], AlertEvent][])(
    "refuses %s and returns the same state",
    (_name, given, event) => {
      const before = replay(given);
      expect(canApply(before, event.type)).toBe(false);
      const { state, notify } = applyAlertEvent(before, event);
      expect(state).toBe(before);
      expect(notify).toBeNull();
    },
  );

  it("keeps an alert whose condition is still seen from resolving at the cooldown", () => {
    const cooldownSeconds = 900;
    const stillSeen = replay([{ type: "seen", at: minute(10) }]);
    const quiet = {
      type: "condition_clear_check",
      conditionActive: false,
      cooldownSeconds,
    } as const;

    expect(applyAlertEvent(stillSeen, { ...quiet, at: minute(24) }).state.status).toBe("firing");
    expect(applyAlertEvent(stillSeen, { ...quiet, at: minute(25) }).state.status).toBe("resolved");
  });

  it("counts a breach that goes on once, and a breach after recovery again", () => {
    const breach: AlertEvent[] = [
      { type: "seen", at: minute(1) },
      { type: "seen", at: minute(2) },
      { type: "seen", at: minute(3) },
    ];
    const ongoing = replay(breach);
    expect(ongoing).toMatchObject({ status: "firing", occurrenceCount: 1, lastSeenAt: minute(3) });

    const recovered = applyAlertEvent(ongoing, { type: "resolve", at: minute(20) }).state;
    expect(canApply(recovered, "seen")).toBe(false);
    const back = applyAlertEvent(recovered, { type: "occurrence", at: minute(30) });
    expect(back.state).toMatchObject({
      status: "firing",
      occurrenceCount: 2,
      lastSeenAt: minute(30),
    });
    expect(back.notify).toBe("refired");
  });

  it("tells on-call nothing while a loop repeats in a thousand runs", () => {
    let state = openAlert(OPENED_AT);
    const notices: (AlertNoticeKind | null)[] = [];
    for (let run = 1; run < 1_000; run++) {
      const transition = applyAlertEvent(state, { type: "occurrence", at: minute(run) });
      state = transition.state;
      notices.push(transition.notify);
    }
    expect(state.occurrenceCount).toBe(1_000);
    expect(notices.every((notice) => notice === null)).toBe(true);
  });
});

describe("openAlert", () => {
  it("starts firing with one occurrence", () => {
    expect(openAlert(OPENED_AT)).toEqual({
      status: "firing",
      occurrenceCount: 1,
      firstSeenAt: OPENED_AT,
      lastSeenAt: OPENED_AT,
      acknowledgedAt: null,
      snoozedUntil: null,
      resolvedAt: null,
    });
  });
});

describe("canApply", () => {
  it.each([
    [
      "firing",
      [],
      ["occurrence", "seen", "acknowledge", "resolve", "snooze", "condition_clear_check"],
    ],
    [
      "acknowledged",
      acknowledged,
      ["occurrence", "seen", "resolve", "snooze", "condition_clear_check"],
    ],
    ["resolved", resolved, ["occurrence", "snooze"]],
  ] satisfies [string, AlertEvent[], AlertEvent["type"][]][])(
    "allows on a %s alert: %j",
    (_status, given, allowed) => {
      const state = replay(given);
      const eventTypes = [
        "occurrence",
        "seen",
        "acknowledge",
        "resolve",
        "snooze",
        "condition_clear_check",
      ] as const;
      expect(eventTypes.filter((eventType) => canApply(state, eventType))).toEqual(allowed);
    },
  );
});
