import type { Encoding } from "./select-encoding.ts";

// Agents re-send their whole conversation on every call, so without memory the work of estimating
// a run grows with the square of its length. Counts are remembered per text in two generations:
// when the newer one fills up it becomes the older one, so texts still in use survive the turnover.
const MAX_CHARS_PER_GENERATION = 2_000_000;

// Senders' text may contain "<|endoftext|>" and the like; count it as the plain text it is.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

type Generations = {
  current: Map<string, number>;
  previous: Map<string, number>;
  currentChars: number;
};

const generationsByEncoding = new Map<Encoding, Generations>();

function findGenerations(encoding: Encoding): Generations {
  let generations = generationsByEncoding.get(encoding);
  if (!generations) {
    generations = { current: new Map(), previous: new Map(), currentChars: 0 };
    generationsByEncoding.set(encoding, generations);
  }
  return generations;
}

function remember(generations: Generations, text: string, tokens: number): void {
  if (generations.currentChars + text.length > MAX_CHARS_PER_GENERATION) {
    generations.previous = generations.current;
    generations.current = new Map();
    generations.currentChars = 0;
  }
  generations.current.set(text, tokens);
  generations.currentChars += text.length;
}

/** The exact token count of a text, remembered for the texts seen recently. */
export function countTokensCached(encoding: Encoding, text: string): number {
  const generations = findGenerations(encoding);
  let tokens = generations.current.get(text);
  if (tokens !== undefined) return tokens;
  tokens = generations.previous.get(text) ?? encoding.countTokens(text, PLAIN_TEXT);
  remember(generations, text, tokens);
  return tokens;
}
