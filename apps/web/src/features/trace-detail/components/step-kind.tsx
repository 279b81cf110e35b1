import styles from "./step-kind.module.css";

export function StepKind({ kind }: { kind: string }) {
  return (
    <span className={styles.kind} data-kind={kind}>
      {kind}
    </span>
  );
}
