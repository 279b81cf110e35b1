import path from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
export const DESCRIPTOR_PATH = path.join(PACKAGE_DIR, "src/generated/otlp-proto.json");

const PROTO_ROOT = path.join(PACKAGE_DIR, "proto");

/** The parsed OTLP trace definitions under proto/, as protobufjs JSON; imports resolve against proto/. */
export function readProtoDescriptor(): protobuf.INamespace {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => path.join(PROTO_ROOT, target);
  root.loadSync("opentelemetry/proto/collector/trace/v1/trace_service.proto");
  root.resolveAll();
  return root.toJSON();
}
