"use client";

import { useSyncExternalStore } from "react";
import { formatTimestamp } from "@/lib/format";

function subscribeToNothing() {
  return () => {};
}

function readBrowserTimeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The server renders UTC and the browser switches to its own zone after hydration, so the two
 * renders never disagree while hydrating.
 */
export function Timestamp({ date }: { date: Date }) {
  const timeZone = useSyncExternalStore(subscribeToNothing, readBrowserTimeZone, () => "UTC");
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {formatTimestamp(date, timeZone)}
    </time>
  );
}
