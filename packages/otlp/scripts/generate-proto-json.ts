// Regenerates src/generated/otlp-proto.json from proto/: pnpm --filter @loupe/otlp proto:generate
import { writeFileSync } from "node:fs";
import { DESCRIPTOR_PATH, readProtoDescriptor } from "./read-proto-descriptor.ts";

writeFileSync(DESCRIPTOR_PATH, `${JSON.stringify(readProtoDescriptor(), null, 2)}\n`);
console.log(`wrote ${DESCRIPTOR_PATH}`);
