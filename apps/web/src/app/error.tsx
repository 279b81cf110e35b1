"use client";

import { describeRenderError, ErrorState } from "@/components/error-state";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main id="main">
      <ErrorState
        title="Loupe could not load this page"
        message={describeRenderError(error)}
        onRetry={retry}
      />
    </main>
  );
}
