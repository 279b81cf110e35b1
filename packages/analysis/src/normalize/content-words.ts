/**
 * Function words and filler that say nothing about what a step is about; dropping them keeps the
 * overlap between a plan item and a tool call about the subject, not the grammar.
 */
const STOPWORDS = new Set(
  (
    "a about after all also am an and any are as at be been before being both but by can could did do does " +
    "for from get got had has have he her here him his how i if in into is it its just let like me more most " +
    "my no not now of off on once one only or our out over own please same she should so some such than that " +
    "the their them then there these they this those through to too under until up us very via vs was we were " +
    "what when where which while who why will with would you your https http www com"
  ).split(" "),
);

// Longest first, so "ies" wins over "s"; a stem keeps at least three letters.
const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ["ing", ""],
  ["ies", "y"],
  ["ied", "y"],
  ["ed", ""],
  ["es", ""],
  ["s", ""],
];

/**
 * The content words of a text, lower-cased and crudely stemmed ("reading" and "reads" both become
 * "read"), as a set. Identifiers are split on underscores and punctuation, so `churn_rate` and
 * "churn rate" share their words. Good enough to compare short texts by overlap, nothing more.
 */
export function extractContentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const raw of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (raw.length < 2 || STOPWORDS.has(raw)) continue;
    words.add(stemWord(raw));
  }
  return words;
}

function stemWord(word: string): string {
  if (/^\d/.test(word)) return word;
  const stem = stripSuffix(word);
  // "close", "closed" and "closing" meet at "clos".
  return stem.length > 3 && stem.endsWith("e") ? stem.slice(0, -1) : stem;
}

function stripSuffix(word: string): string {
  for (const [suffix, replacement] of SUFFIXES) {
    if (suffix === "s" && word.endsWith("ss")) continue;
    if (word.endsWith(suffix) && word.length - suffix.length + replacement.length >= 3) {
      const stem = word.slice(0, word.length - suffix.length) + replacement;
      // "churned" → "churn", "planned" → "plann" → "plan": undo a doubled final consonant.
      return /([b-df-hj-np-tv-z])\1$/.test(stem) && suffix !== "s" && suffix !== "es" ? stem.slice(0, -1) : stem;
    }
  }
  return word;
}

/** Every string leaf of a JSON value, keys left out: what a call was about, not its schema. */
export function collectStrings(value: unknown, into: string[] = []): string[] {
  if (typeof value === "string") into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (value !== null && typeof value === "object") for (const item of Object.values(value)) collectStrings(item, into);
  return into;
}
