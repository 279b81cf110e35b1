import "server-only";
import { CreatePromptVersionInput, ServiceError, createPromptVersion, resolvePromptVersion } from "@loupe/api";
import { HttpError, admitRequest, jsonResponse, parseRequestPart, readJsonBody, respondWith } from "@loupe/ingestion";
import { z } from "zod";
import { getPublicApi } from "@/server/public-api";

const PROMPT_BODY_MAX_BYTES = 1024 * 1024;

const STATUS_BY_CODE = { NOT_FOUND: 404, CONFLICT: 409, BAD_REQUEST: 400, FORBIDDEN: 403 } as const;

/** Service refusals keep their message, whose leading "field:" names what to fix. */
function asHttpError(error: unknown): unknown {
  if (!(error instanceof ServiceError)) return error;
  const field = /^([\w.]+):/.exec(error.message)?.[1];
  return new HttpError(STATUS_BY_CODE[error.code], error.message, field);
}


const GetPromptQuery = z.object({
  name: z.string().min(1),
  version: z.coerce.number().int().positive().optional(),
  label: z.string().min(1).optional(),
});

/** GET /api/public/prompts?name=…[&label=production|&version=3]: the version an SDK renders. */
export function handleGetPrompt(request: Request): Promise<Response> {
  return respondWith(async () => {
    const deps = getPublicApi();
    const { projectId } = await admitRequest(deps, request);
    const query = parseRequestPart(GetPromptQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
    try {
      const version = await resolvePromptVersion({ db: deps.db, projectId, ...query });
      return jsonResponse(200, { name: query.name, ...version, id: undefined });
    } catch (error) {
      throw asHttpError(error);
    }
  });
}

/** POST /api/public/prompts: a new immutable version (the prompt is created with its first). */
export function handleCreatePrompt(request: Request): Promise<Response> {
  return respondWith(async () => {
    const deps = getPublicApi();
    const { projectId } = await admitRequest(deps, request);
    // A prompt is text, far below the ingestion limit; the same cap keeps a bad client from flooding memory.
    const input = parseRequestPart(CreatePromptVersionInput, await readJsonBody(request, PROMPT_BODY_MAX_BYTES), "body");
    try {
      const version = await createPromptVersion({ db: deps.db, projectId, input });
      return jsonResponse(201, { name: input.name, ...version, id: undefined });
    } catch (error) {
      throw asHttpError(error);
    }
  });
}
