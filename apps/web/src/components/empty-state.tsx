import type { ReactNode } from "react";
import styles from "./empty-state.module.css";

export function EmptyState({
  title,
  badge,
  children,
  actions,
}: {
  title: string;
  badge?: string;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className={styles.empty} aria-label={title}>
      {badge ? <span className={styles.badge}>{badge}</span> : null}
      <h2 className={styles.title}>{title}</h2>
      {children ? <div className={styles.body}>{children}</div> : null}
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </section>
  );
}
