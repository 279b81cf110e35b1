export { appRouter, createCaller, type AppRouter } from "./root.ts";
export { createContext, type Context, type SessionUser } from "./context.ts";
export type { RouterOutputs } from "./types.ts";
export { createPromptVersion, importPrompts, resolvePromptVersion } from "./prompt/prompt-service.ts";
export { CreatePromptVersionInput } from "./prompt/prompt-schemas.ts";
export { ServiceError } from "./errors.ts";
