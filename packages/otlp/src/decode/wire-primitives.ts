import { z } from "zod";

function toCamelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** OTLP/JSON requires lowerCamelCase keys, but senders that print protobuf field names exist; accept both. */
function camelizeKeys(value: unknown): unknown {
  if (
    value === null ||
    typeof value !== "object" ||
    Array.isArray(value) ||
    value instanceof Uint8Array
  )
    return value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [toCamelCase(key), entry]));
}

export function wireMessage<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess(camelizeKeys, z.object(shape));
}

/** Absent and null both mean the proto3 default. */
export function withDefault<T>(schema: z.ZodType<T>, fallback: () => T) {
  return schema.nullish().transform((value): T => value ?? fallback());
}

export function optional<T>(schema: z.ZodType<T>) {
  return schema.nullish().transform((value): T | undefined => value ?? undefined);
}

const INT64_MESSAGE = "expected a 64-bit integer (a decimal string or a number)";
const UINT32_MESSAGE = "expected an unsigned 32-bit integer";

export const Int64 = z
  .union(
    [
      z.bigint(),
      z.string().regex(/^-?\d+$/, INT64_MESSAGE),
      z.number().refine(Number.isInteger, INT64_MESSAGE),
    ],
    {
      error: INT64_MESSAGE,
    },
  )
  .transform((value) => BigInt(value));

export const Uint64 = Int64.refine((value) => value >= 0n, "expected an unsigned 64-bit integer");

export const Uint32 = z
  .union([z.number(), z.string().regex(/^\d+$/, UINT32_MESSAGE).transform(Number)], {
    error: UINT32_MESSAGE,
  })
  .pipe(z.number().int(UINT32_MESSAGE).min(0, UINT32_MESSAGE).max(0xffffffff, UINT32_MESSAGE));

/** Protobuf JSON writes NaN and the infinities as strings and accepts numbers as strings too. */
export const Double = z
  .union([z.custom<number>((value) => typeof value === "number"), z.string()], {
    error: "expected a number",
  })
  .transform((value, ctx) => {
    if (typeof value === "number") return value;
    const number = Number(value);
    if ((Number.isNaN(number) && value !== "NaN") || value.trim() === "") {
      ctx.addIssue({ code: "custom", message: `expected a number, got ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return number;
  });

/** OTLP/JSON requires enum integers; the enum names are accepted as well. */
export function wireEnum(names: string[]) {
  return z.union(
    [
      z.number().int().nonnegative(),
      z.enum(names as [string, ...string[]]).transform((name) => names.indexOf(name)),
    ],
    {
      error: `expected an enum integer or one of ${names.join(", ")}`,
    },
  );
}

export function wireList<T>(item: z.ZodType<T>) {
  return withDefault(z.array(item), () => []);
}
