import { USAGE_DIMENSIONS } from "@loupe/db";
import { z } from "zod";

export const DASHBOARD_RANGES = ["1h", "24h", "7d", "30d", "custom"] as const;
export const DashboardRange = z.enum(DASHBOARD_RANGES);
export type DashboardRange = z.infer<typeof DashboardRange>;

/** A custom range wider than this would chart too many buckets to read. */
export const MAX_CUSTOM_RANGE_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export const DashboardOverviewInput = z
  .object({
    range: DashboardRange,
    /** Only read with the custom range. */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    breakdownBy: z.enum(USAGE_DIMENSIONS).default("model"),
  })
  .superRefine((input, context) => {
    if (input.range !== "custom") return;
    if (!input.from) context.addIssue({ code: "custom", path: ["from"], message: "A custom range needs a start" });
    if (!input.to) context.addIssue({ code: "custom", path: ["to"], message: "A custom range needs an end" });
    if (!input.from || !input.to) return;
    const spanMs = Date.parse(input.to) - Date.parse(input.from);
    if (spanMs <= 0) {
      context.addIssue({ code: "custom", path: ["to"], message: "Must be after the start of the range" });
    } else if (spanMs > MAX_CUSTOM_RANGE_DAYS * DAY_MS) {
      context.addIssue({
        code: "custom",
        path: ["to"],
        message: `Must be at most ${MAX_CUSTOM_RANGE_DAYS} days after the start of the range`,
      });
    }
  });
export type DashboardOverviewInput = z.infer<typeof DashboardOverviewInput>;
