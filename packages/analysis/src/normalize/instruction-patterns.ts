/** Phrases that address the model rather than the reader: the marks of an injected instruction. */
const INSTRUCTION_PATTERNS: ReadonlyArray<{ label: string; pattern: RegExp }> = [
  {
    label: "override previous instructions",
    pattern:
      /\b(ignore|disregard|forget|override)\s+(all\s+|any\s+|the\s+|your\s+)?(previous|prior|above|earlier|preceding|system)\s+(instructions|prompts?|rules|messages|directions)\b/i,
  },
  { label: "new instructions", pattern: /\b(new|updated|real)\s+instructions\s*:/i },
  { label: "role marker", pattern: /(<\|im_start\|>|<\|system\|>|\[\/?INST\]|<<SYS>>|^\s*(system|assistant)\s*:)/im },
  { label: "persona switch", pattern: /\byou are now\b|\bact as (the )?(system|developer|admin)\b/i },
  {
    label: "tool-call directive",
    pattern: /\b(call|invoke|use|run)\s+the\s+[\w.-]+\s+(tool|function)\b|"?tool_calls"?\s*:/i,
  },
  { label: "concealment", pattern: /\bdo not (mention|reveal|tell)( the user)? (this|these) instructions?\b/i },
];

export type InstructionMatch = { label: string; text: string };

export function findInstructionLikeText(text: string): InstructionMatch[] {
  const matches: InstructionMatch[] = [];
  for (const { label, pattern } of INSTRUCTION_PATTERNS) {
    const match = pattern.exec(text);
    if (match) matches.push({ label, text: match[0].trim() });
  }
  return matches;
}

/** One quick test that every text matching a pattern above also passes, to skip clean text fast. */
const PREFILTER =
  /ignore|disregard|forget|override|instructions|<\||\[\/?INST\]|<<SYS>>|system|assistant|you are now|act as|tool|function|do not/i;

export function mayContainInstructions(text: string): boolean {
  return PREFILTER.test(text);
}
