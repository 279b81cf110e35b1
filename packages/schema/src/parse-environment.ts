import type { z } from "zod";

/**
 * Reads configuration from environment variables with a zod schema. An empty variable counts as
 * unset, so defaults apply; every bad variable is named in one error.
 */
export function parseEnvironment<Schema extends z.ZodType>(
  schema: Schema,
  source: Record<string, string | undefined>,
  description: string,
): z.infer<Schema> {
  const values = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid ${description}: ${problems.join("; ")}`);
  }
  return parsed.data;
}
