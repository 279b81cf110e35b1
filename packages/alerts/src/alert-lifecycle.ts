export type AlertStatus = "firing" | "acknowledged" | "resolved";

/** What the alert told on-call; "fired" is sent by the caller when it opens an alert. */
export type AlertNoticeKind = "fired" | "refired" | "resolved";

export type AlertState = {
  status: AlertStatus;
  occurrenceCount: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  acknowledgedAt: Date | null;
  /** While in the future, the alert changes state as usual but tells nobody. */
  snoozedUntil: Date | null;
  resolvedAt: Date | null;
};

export type AlertEvent =
  | { type: "occurrence"; at: Date }
  /** The condition is still there: the alert stays seen but counts nothing, as a breach that goes on. */
  | { type: "seen"; at: Date }
  | { type: "acknowledge"; at: Date }
  | { type: "resolve"; at: Date }
  | { type: "snooze"; at: Date; until: Date }
  | { type: "condition_clear_check"; at: Date; conditionActive: boolean; cooldownSeconds: number };

export type AlertTransition = { state: AlertState; notify: AlertNoticeKind | null };

export function openAlert(at: Date): AlertState {
  return {
    status: "firing",
    occurrenceCount: 1,
    firstSeenAt: at,
    lastSeenAt: at,
    acknowledgedAt: null,
    snoozedUntil: null,
    resolvedAt: null,
  };
}

/** Whether the alert's status allows the event at all; the UI uses it to enable buttons. */
export function canApply(state: AlertState, eventType: AlertEvent["type"]): boolean {
  switch (eventType) {
    case "occurrence":
    case "snooze":
      return true;
    case "acknowledge":
      return state.status === "firing";
    // A condition back after resolving is a new occurrence, so only an open alert can be seen again.
    case "seen":
    case "resolve":
    case "condition_clear_check":
      return state.status !== "resolved";
  }
}

/**
 * The alert lifecycle as a pure function. On-call hears about an alert once when it opens, once when
 * it comes back after resolving and once when it resolves; repeats in between only count. A refused
 * event (see `canApply`) returns the state unchanged.
 */
export function applyAlertEvent(state: AlertState, event: AlertEvent): AlertTransition {
  if (!canApply(state, event.type)) return { state, notify: null };
  const current = withoutExpiredSnooze(state, event.at);
  switch (event.type) {
    case "occurrence": {
      const counted: AlertState = {
        ...current,
        occurrenceCount: current.occurrenceCount + 1,
        lastSeenAt: latestSighting(current, event.at),
      };
      if (current.status !== "resolved") return { state: counted, notify: null };
      const refired: AlertState = {
        ...counted,
        status: "firing",
        acknowledgedAt: null,
        resolvedAt: null,
      };
      return { state: refired, notify: notifyUnlessSnoozed(refired, event.at, "refired") };
    }
    case "seen":
      return { state: { ...current, lastSeenAt: latestSighting(current, event.at) }, notify: null };
    case "acknowledge":
      return {
        state: { ...current, status: "acknowledged", acknowledgedAt: event.at },
        notify: null,
      };
    case "snooze":
      return { state: { ...current, snoozedUntil: event.until }, notify: null };
    case "resolve":
      return resolveAlert(current, event.at);
    case "condition_clear_check": {
      const quietMs = event.at.getTime() - current.lastSeenAt.getTime();
      if (event.conditionActive || quietMs < event.cooldownSeconds * 1000) {
        return { state: current, notify: null };
      }
      return resolveAlert(current, event.at);
    }
  }
}

/** Sightings can arrive out of order when runs finish late; the alert keeps the latest. */
function latestSighting(state: AlertState, at: Date): Date {
  return state.lastSeenAt > at ? state.lastSeenAt : at;
}

function resolveAlert(state: AlertState, at: Date): AlertTransition {
  const resolved: AlertState = { ...state, status: "resolved", resolvedAt: at };
  return { state: resolved, notify: notifyUnlessSnoozed(resolved, at, "resolved") };
}

function isSnoozed(state: AlertState, at: Date): boolean {
  return state.snoozedUntil !== null && at < state.snoozedUntil;
}

function notifyUnlessSnoozed(
  state: AlertState,
  at: Date,
  kind: AlertNoticeKind,
): AlertNoticeKind | null {
  return isSnoozed(state, at) ? null : kind;
}

function withoutExpiredSnooze(state: AlertState, at: Date): AlertState {
  return state.snoozedUntil !== null && !isSnoozed(state, at)
    ? { ...state, snoozedUntil: null }
    : state;
}
