import protobuf from "protobufjs/light.js";
import descriptor from "./generated/otlp-proto.json" with { type: "json" };

// Built from the embedded descriptor rather than .proto files so server bundles need no file access.
export const otlpProtoRoot = protobuf.Root.fromJSON(descriptor);
