import { type ChatMessage, JsonObject } from "@loupe/schema";
import { Ajv, type ValidateFunction } from "ajv";
import { z } from "zod";

const ajv = new Ajv({ allErrors: true, strict: false });

function describeRegexError(pattern: string, flags: string | undefined): string | null {
  try {
    new RegExp(pattern, flags);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A check a replayed reply must pass, declared by the user alongside the replay. */
export const Validator = z.discriminatedUnion("type", [
  z
    .object({ type: z.literal("json_schema"), schema: JsonObject })
    .refine((validator) => ajv.validateSchema(validator.schema) === true, {
      path: ["schema"],
      message: "schema is not a valid JSON Schema",
    }),
  z
    .object({ type: z.literal("regex"), pattern: z.string().min(1), flags: z.string().optional() })
    .superRefine((validator, context) => {
      const problem = describeRegexError(validator.pattern, validator.flags);
      if (problem)
        context.addIssue({
          code: "custom",
          path: ["pattern"],
          message: `pattern is not a valid regular expression: ${problem}`,
        });
    }),
  z.object({ type: z.literal("must_call_tool"), tool: z.string().min(1) }),
]);
export type Validator = z.infer<typeof Validator>;

export type ValidatorResult = { validator: Validator; passed: boolean; reason: string };

function compileSchema(schema: JsonObject): ValidateFunction | string {
  try {
    const validate = ajv.compile(schema);
    // Ajv keeps every compiled schema object; each replay brings new ones, so let it forget them.
    ajv.removeSchema(schema);
    return validate;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function checkJsonSchema(
  schema: JsonObject,
  content: string | null,
): Omit<ValidatorResult, "validator"> {
  let reply: unknown;
  try {
    reply = JSON.parse(content ?? "");
  } catch {
    return { passed: false, reason: "The reply is not JSON" };
  }
  const validate = compileSchema(schema);
  if (typeof validate === "string")
    return { passed: false, reason: `The JSON Schema does not compile: ${validate}` };
  if (validate(reply)) return { passed: true, reason: "The reply matches the JSON Schema" };
  const errors = (validate.errors ?? []).map(
    (error) => `${error.instancePath || "/"} ${error.message ?? "is invalid"}`,
  );
  return {
    passed: false,
    reason: `The reply does not match the JSON Schema: ${errors.join("; ")}`,
  };
}

function checkRegex(pattern: string, flags: string | undefined, content: string | null) {
  const problem = describeRegexError(pattern, flags);
  if (problem)
    return { passed: false, reason: `The pattern is not a valid regular expression: ${problem}` };
  const passed = new RegExp(pattern, flags).test(content ?? "");
  return {
    passed,
    reason: passed ? `The reply matches /${pattern}/` : `The reply does not match /${pattern}/`,
  };
}

function checkToolCalled(tool: string, message: ChatMessage) {
  const called = (message.toolCalls ?? []).map((call) => call.name);
  if (called.includes(tool)) return { passed: true, reason: `The reply calls ${tool}` };
  return {
    passed: false,
    reason:
      called.length > 0
        ? `The reply does not call ${tool}; it calls ${called.join(", ")}`
        : `The reply does not call ${tool}; it calls no tool`,
  };
}

export function runValidators(validators: Validator[], message: ChatMessage): ValidatorResult[] {
  return validators.map((validator) => {
    switch (validator.type) {
      case "json_schema":
        return { validator, ...checkJsonSchema(validator.schema, message.content) };
      case "regex":
        return { validator, ...checkRegex(validator.pattern, validator.flags, message.content) };
      case "must_call_tool":
        return { validator, ...checkToolCalled(validator.tool, message) };
    }
  });
}
