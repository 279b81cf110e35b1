import { findMembership } from "@loupe/db";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Context } from "./context.ts";
import { ServiceError } from "./errors.ts";

/** "projectId: Invalid UUID; limit: Too big" — names every offending field. */
function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "input"}: ${issue.message}`)
    .join("; ");
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      data: {
        ...shape.data,
        fieldErrors:
          zodError?.issues.map((issue) => ({
            path: issue.path.join("."),
            message: issue.message,
          })) ?? null,
      },
    };
  },
});

/**
 * Services throw ServiceError and know nothing of tRPC; this turns those, and input parse
 * failures, into tRPC errors whose message a person can read.
 */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const { cause } = result.error;
  if (cause instanceof ServiceError) {
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  if (cause instanceof ZodError && result.error.code === "BAD_REQUEST") {
    throw new TRPCError({ code: "BAD_REQUEST", message: describeZodError(cause), cause });
  }
  return result;
});

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(mapErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { user: ctx.user } });
});

/**
 * Every procedure that touches a project's data is built on this: the caller must be a member of
 * the project named in the input before anything else runs. An unknown project is refused the same
 * way as someone else's, so ids cannot be probed.
 */
export const projectProcedure = authedProcedure
  .input(z.object({ projectId: z.uuid() }))
  .use(async ({ ctx, input, next }) => {
    const membership = await findMembership(ctx.db, {
      userId: ctx.user.id,
      projectId: input.projectId,
    });
    if (!membership) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "You do not have access to this project.",
      });
    }
    return next({ ctx: { project: { id: membership.projectId }, membership } });
  });
