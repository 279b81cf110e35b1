import type { AttributeBag } from "./attribute-bag.ts";
import type { StepDraft } from "./step-draft.ts";

type Usage = NonNullable<StepDraft["usage"]>;

/** For each count, the first of its keys holding a non-negative integer, consumed; undefined when none does. */
export function takeTokenUsage(
  bag: AttributeBag,
  keysByCount: Record<keyof Usage, string[]>,
): Usage | undefined {
  const usage: Usage = {};
  for (const [count, keys] of Object.entries(keysByCount) as [keyof Usage, string[]][]) {
    const key = keys.find((candidate) => {
      const value = bag.number(candidate);
      return value !== undefined && Number.isSafeInteger(value) && value >= 0;
    });
    if (key === undefined) continue;
    usage[count] = bag.number(key);
    bag.consume(key);
  }
  return Object.keys(usage).length > 0 ? usage : undefined;
}
