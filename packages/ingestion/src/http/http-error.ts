/** A request Loupe refuses, with the status, the field at fault and a reason a person can act on. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function errorResponse(error: HttpError): Response {
  return jsonResponse(
    error.status,
    { error: { status: error.status, message: error.message, ...(error.field ? { field: error.field } : {}) } },
    error.headers,
  );
}

/** Runs a handler, turning refusals into their responses; anything else is a server fault. */
export async function respondWith(handle: () => Promise<Response>): Promise<Response> {
  try {
    return await handle();
  } catch (error) {
    if (error instanceof HttpError) return errorResponse(error);
    console.error("Loupe public API error", error);
    return jsonResponse(500, { error: { status: 500, message: "Internal error; nothing from this request was stored." } });
  }
}
