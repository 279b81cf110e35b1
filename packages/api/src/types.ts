import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root.ts";

/** What each procedure returns, for typing the UI that shows it. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
