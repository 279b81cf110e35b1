import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { HttpError } from "./http-error.ts";

const gunzipAsync = promisify(gunzip);

function tooLarge(maxBytes: number) {
  return new HttpError(413, `Request body exceeds the limit of ${maxBytes} bytes (after decompression); send smaller batches.`);
}

/** The request body, decompressed when gzip-encoded, refused past `maxBytes` without reading it all. */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);

  const chunks: Uint8Array[] = [];
  let received = 0;
  if (request.body) {
    // Node's request streams are async-iterable (the DOM typings do not say so). Leaving the loop
    // early cancels the stream: an oversized body is never read to its end.
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      received += chunk.byteLength;
      if (received > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk);
    }
  }
  const raw = Buffer.concat(chunks);

  const encoding = (request.headers.get("content-encoding") ?? "identity").toLowerCase().trim();
  if (encoding === "identity" || encoding === "") return raw;
  if (encoding !== "gzip") {
    throw new HttpError(415, `Unsupported Content-Encoding "${encoding}"; send gzip or no encoding.`, "content-encoding");
  }
  try {
    return await gunzipAsync(raw, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(maxBytes);
    throw new HttpError(400, "The body is not valid gzip.", "content-encoding");
  }
}
