import { z } from "zod";
import { base64ToBytes, bytesToHex } from "../bytes.ts";
import { createTraceExportSchema } from "./wire-schema.ts";

const HEX = /^[0-9a-fA-F]*$/;

/**
 * OTLP/JSON ids are hex. Some exporters print protobuf's default base64 instead; a base64 string that
 * decodes to a trace or span id's length is read as one. Anything else is kept so the mapper can say why
 * the span was rejected.
 */
function readJsonId(text: string): string {
  if (HEX.test(text)) return text.toLowerCase();
  const bytes = base64ToBytes(text);
  return bytes && (bytes.length === 16 || bytes.length === 8) ? bytesToHex(bytes) : text;
}

export const JsonTraceExport = createTraceExportSchema({
  id: z.string({ error: "expected a hex string" }).transform(readJsonId),
  bytes: z.string({ error: "expected a base64 string" }).transform((text, ctx) => {
    const bytes = base64ToBytes(text);
    if (bytes) return bytes;
    ctx.addIssue({ code: "custom", message: "expected a base64 string" });
    return z.NEVER;
  }),
});

const ProtobufBytes = z.instanceof(Uint8Array).transform((bytes) => Uint8Array.from(bytes));

export const ProtobufTraceExport = createTraceExportSchema({
  id: ProtobufBytes.transform(bytesToHex),
  bytes: ProtobufBytes,
});
