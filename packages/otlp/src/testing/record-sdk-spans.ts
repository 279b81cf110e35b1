import type { Tracer } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";

/** Spans recorded by the real OpenTelemetry SDK, ready for its OTLP serializers. */
export async function recordSdkSpans(record: (tracer: Tracer) => void): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      "service.name": "support-agent",
      "service.version": "1.4.2",
      "deployment.environment.name": "staging",
    }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  record(provider.getTracer("loupe-test", "0.3.0"));
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  await provider.shutdown();
  return spans;
}
