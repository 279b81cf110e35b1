import { countTokensCached } from "./cached-count.ts";
import type { Encoding } from "./select-encoding.ts";

/**
 * How many characters one estimate counts exactly (≈25k tokens, a few milliseconds). Beyond it,
 * tokens are extrapolated at the ratio measured on the text counted so far, so a multi-megabyte
 * payload costs no more than this.
 */
export const MAX_EXACT_CHARS = 100_000;

// Used only when the budget is spent before any text was counted; typical for English and JSON.
const DEFAULT_TOKENS_PER_CHAR = 0.25;

/** Counts the tokens of successive texts, sharing one exact-counting budget between them. */
export type TextCounter = (text: string) => number;

export function createTextCounter(
  encoding: Encoding,
  maxExactChars = MAX_EXACT_CHARS,
): TextCounter {
  let remainingChars = maxExactChars;
  let countedChars = 0;
  let countedTokens = 0;

  const countExactly = (text: string): number => {
    const tokens = text.length === 0 ? 0 : countTokensCached(encoding, text);
    remainingChars -= text.length;
    countedChars += text.length;
    countedTokens += tokens;
    return tokens;
  };

  return (text) => {
    if (text.length <= remainingChars) return countExactly(text);
    const head = text.slice(0, remainingChars);
    const headTokens = countExactly(head);
    const tokensPerChar = countedChars > 0 ? countedTokens / countedChars : DEFAULT_TOKENS_PER_CHAR;
    return headTokens + Math.ceil((text.length - head.length) * tokensPerChar);
  };
}
