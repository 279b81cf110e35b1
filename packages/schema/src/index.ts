export * from "./domain.ts";
export * from "./recorded-run.ts";
export * from "./ingestion.ts";
export * from "./parse-environment.ts";
export * from "./changed-runs.ts";
