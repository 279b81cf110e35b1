import { EmptyState } from "./empty-state";

/** A failed load, with what went wrong and a way to try again. */
export function ErrorState({
  title = "Something went wrong",
  message,
  onRetry,
}: {
  title?: string;
  message: string;
  onRetry: () => void;
}) {
  return (
    <div role="alert">
      <EmptyState
        title={title}
        actions={
          <button type="button" className="button" onClick={onRetry}>
            Retry
          </button>
        }
      >
        <p>{message}</p>
      </EmptyState>
    </div>
  );
}

/**
 * Production builds hide a server error's message from the browser and give it a digest instead,
 * which the server log records next to the full error.
 */
export function describeRenderError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { digest } = error as Error & { digest?: string };
  return digest
    ? `The server hit an unexpected error. Its log has the details under reference ${digest}.`
    : error.message;
}
