"use client";

import { describeRenderError, ErrorState } from "@/components/error-state";

export default function ProjectError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorState
      title="This page could not be loaded"
      message={describeRenderError(error)}
      onRetry={retry}
    />
  );
}
