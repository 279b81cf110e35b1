import "server-only";
import { appRouter, createCaller } from "@loupe/api";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cache, type ReactNode } from "react";
import { createRequestContext } from "@/server/request-context";
import { makeQueryClient } from "./query-client";

/** One query client per request, shared by every server component that prefetches into it. */
export const getQueryClient = cache(makeQueryClient);

/** Query options for server components to prefetch; the client picks the data up on hydration. */
export const trpc = createTRPCOptionsProxy({
  router: appRouter,
  ctx: createRequestContext,
  queryClient: getQueryClient,
});

/** For server components that need the data themselves rather than hand it to the client. */
export const getServerCaller = cache(async () => createCaller(await createRequestContext()));

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
