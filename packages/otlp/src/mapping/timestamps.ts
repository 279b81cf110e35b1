const NANOS_PER_MILLI = 1_000_000n;
const NANOS_PER_SECOND = 1_000_000_000n;

/** An ISO 8601 UTC timestamp keeping all nine fractional digits of OTLP's nanoseconds. */
export function formatUnixNanos(nanos: bigint): string {
  const seconds = new Date(Number(nanos / NANOS_PER_MILLI)).toISOString().slice(0, 19);
  const fraction = (nanos % NANOS_PER_SECOND).toString().padStart(9, "0");
  return `${seconds}.${fraction}Z`;
}
