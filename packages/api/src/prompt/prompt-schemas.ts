import { PromptConfig, PromptTemplate } from "@loupe/replay";
import { z } from "zod";

export const PromptName = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[\w.\-/ ]+$/, "use letters, digits, spaces and . _ - / only");

export const PromptLabel = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, "a label is lowercase letters, digits, . _ - (at most 40)");

export const CreatePromptVersionInput = z.object({
  name: PromptName,
  template: PromptTemplate,
  config: PromptConfig.default({}),
  labels: z.array(PromptLabel).max(10).default([]),
  commitMessage: z.string().trim().max(500).optional(),
  /** For importing history kept elsewhere: a number above every existing version. Next by default. */
  version: z.number().int().positive().optional(),
});
export type CreatePromptVersionInput = z.infer<typeof CreatePromptVersionInput>;

export const PromptNameInput = z.object({ name: PromptName });

export const SetPromptLabelsInput = z.object({
  name: PromptName,
  version: z.number().int().positive(),
  labels: z.array(PromptLabel).max(10),
});

export const DiffPromptVersionsInput = z.object({
  name: PromptName,
  from: z.number().int().positive(),
  to: z.number().int().positive(),
});
