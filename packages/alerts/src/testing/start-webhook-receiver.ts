import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = {
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or null when the body was not JSON. */
  body: unknown;
  rawBody: string;
  at: Date;
};

export type WebhookReceiver = {
  url: string;
  /** Every request, failed ones included, in arrival order. */
  received: ReceivedWebhook[];
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

/**
 * A real HTTP endpoint for delivery tests. It answers the first `failFirst` requests with
 * `failStatus`, then 200, so a test can watch a delivery fail and recover.
 */
export async function startWebhookReceiver({
  failFirst = 0,
  failStatus = 503,
}: { failFirst?: number; failStatus?: number } = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters = new Set<() => void>();

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      received.push({
        headers: request.headers,
        body: parseJson(rawBody),
        rawBody,
        at: new Date(),
      });
      const failing = received.length <= failFirst;
      response.writeHead(failing ? failStatus : 200, { "content-type": "text/plain" });
      response.end(failing ? "receiver failing on purpose" : "ok");
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    waitFor(count, timeoutMs = 5_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          cleanUp();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanUp();
          reject(
            new Error(
              `webhook receiver got ${received.length} of ${count} requests in ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        const cleanUp = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close() {
      // fetch keeps connections alive; without this, close would wait for them to time out.
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
