import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source, not builds.
  transpilePackages: [
    "@loupe/alerts",
    "@loupe/api",
    "@loupe/analysis",
    "@loupe/db",
    "@loupe/findings",
    "@loupe/ingestion",
    "@loupe/oncall",
    "@loupe/otlp",
    "@loupe/pricing",
    "@loupe/replay",
    "@loupe/schema",
  ],
  // Node-only database drivers and Prisma's runtime load native or WASM pieces at run time; undici
  // (webhook delivery) loads optional built-ins that bundling would stub.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@prisma/client", "prom-client", "undici"],
  poweredByHeader: false,
  // OTLP exporters post to /v1/traces on the endpoint they are given.
  rewrites: () => Promise.resolve([{ source: "/v1/traces", destination: "/api/public/otel/v1/traces" }]),
};

export default nextConfig;
