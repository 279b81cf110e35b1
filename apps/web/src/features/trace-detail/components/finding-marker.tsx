import styles from "./step-view.module.css";

/**
 * What a step's row or a graph node says about findings: a badge on the first suspicious step,
 * otherwise a flag where a finding names it.
 */
export function FindingMarker({
  isFirstSuspicious,
  isFlagged = false,
  isCompact = false,
  titles,
  keepsCell = false,
}: {
  isFirstSuspicious: boolean;
  /** Left out where the row's tint already shows it. */
  isFlagged?: boolean;
  /** "⚑ first" where the label is narrow, "⚑ first suspicious" where there is room. */
  isCompact?: boolean;
  /** Hover text; left out where it would hide the row's own tooltip. */
  titles?: { firstSuspicious: string; flagged: string };
  /** In a grid row an empty cell stays, so the columns after it keep their place. */
  keepsCell?: boolean;
}) {
  if (isFirstSuspicious) {
    return (
      <span
        className={
          isCompact ? `${styles.firstSuspicious} ${styles.compact}` : styles.firstSuspicious
        }
        data-testid="first-suspicious-marker"
        title={titles?.firstSuspicious}
      >
        {isCompact ? "⚑ first" : "⚑ first suspicious"}
      </span>
    );
  }
  if (isFlagged) {
    return (
      <span className={styles.flag} title={titles?.flagged}>
        ⚑
      </span>
    );
  }
  return keepsCell ? <span /> : null;
}
