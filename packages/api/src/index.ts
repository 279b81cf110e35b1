export { appRouter, createCaller, type AppRouter } from "./root.ts";
export { createContext, type Context, type SessionUser } from "./context.ts";
export type { RouterOutputs } from "./types.ts";
