import { INGESTION_EVENT_TYPES, IngestionEvent } from "@loupe/schema";

export type EventFailure = { id: string | null; status: 400; field: string; message: string };

/**
 * Parses each event on its own, so one bad event is reported with its field and reason while the
 * rest of the batch is still applied.
 */
export function parseEvents(rawEvents: readonly unknown[]): { events: IngestionEvent[]; failures: EventFailure[] } {
  const events: IngestionEvent[] = [];
  const failures: EventFailure[] = [];
  rawEvents.forEach((raw, index) => {
    const id = typeof raw === "object" && raw !== null && typeof (raw as { id?: unknown }).id === "string"
      ? (raw as { id: string }).id
      : null;
    const type = typeof raw === "object" && raw !== null ? (raw as { type?: unknown }).type : undefined;
    if (typeof type !== "string" || !(INGESTION_EVENT_TYPES as readonly string[]).includes(type)) {
      failures.push({
        id,
        status: 400,
        field: `batch[${index}].type`,
        message: `unknown event type ${JSON.stringify(type)}; expected one of ${INGESTION_EVENT_TYPES.join(", ")}`,
      });
      return;
    }
    const parsed = IngestionEvent.safeParse(raw);
    if (parsed.success) {
      events.push(parsed.data);
      return;
    }
    const issue = parsed.error.issues[0];
    failures.push({
      id,
      status: 400,
      field: [`batch[${index}]`, ...(issue?.path ?? []).map(String)].join("."),
      message: issue?.message ?? "invalid event",
    });
  });
  return { events, failures };
}
