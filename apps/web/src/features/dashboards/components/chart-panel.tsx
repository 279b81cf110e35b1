import { useId, type ReactNode } from "react";
import styles from "./dashboard.module.css";

/** A titled card around one chart or table; the title names the region for assistive technology. */
export function ChartPanel({
  title,
  description,
  actions,
  testId,
  children,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <section className={styles.panel} aria-labelledby={titleId} data-testid={testId}>
      <div className={styles.panelHeader}>
        <div>
          <h2 id={titleId} className={styles.panelTitle}>
            {title}
          </h2>
          {description ? <p className={styles.panelDescription}>{description}</p> : null}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}
