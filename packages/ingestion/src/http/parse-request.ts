import type { z } from "zod";
import { HttpError } from "./http-error.ts";
import { readBody } from "./read-body.ts";

/** One part of a request (its query, its body) parsed with zod; refused with the first issue's field. */
export function parseRequestPart<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? issue.path.join(".") : where;
  throw new HttpError(400, `${field}: ${issue?.message ?? "invalid"}`, field);
}

/** The body as JSON, with the size limit and gzip handling every public endpoint shares. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const body = await readBody(request, maxBytes);
  try {
    return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8")) as unknown;
  } catch (error) {
    throw new HttpError(400, `Malformed JSON: ${(error as Error).message}`, "body");
  }
}
