import { parseEnvironment } from "@loupe/schema";
import { z } from "zod";

const LaunchEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  /** "false" starts Loupe without the demo project and its runs. */
  LOUPE_DEMO_DATA: z.enum(["true", "false"]).default("true"),
  /** `off` stores runs without running the detectors on them: for measuring what detection costs. */
  LOUPE_DETECTION: z.enum(["on", "off"]).default("on"),
});
export type LaunchEnv = z.infer<typeof LaunchEnv>;

export function readLaunchEnv(source: NodeJS.ProcessEnv = process.env): LaunchEnv {
  return parseEnvironment(LaunchEnv, source, "configuration");
}
