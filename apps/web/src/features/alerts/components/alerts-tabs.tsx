import Link from "next/link";
import styles from "./alerts.module.css";

export type AlertsTab = "inbox" | "rules" | "delivery";

const TABS: { id: AlertsTab; label: string }[] = [
  { id: "inbox", label: "Inbox" },
  { id: "rules", label: "Rules" },
  { id: "delivery", label: "Channels & deliveries" },
];

export function AlertsTabs({ projectId, current }: { projectId: string; current: AlertsTab }) {
  return (
    <nav className={styles.tabs} aria-label="Alert sections">
      {TABS.map((tab) => (
        <Link
          key={tab.id}
          href={`/project/${projectId}/alerts${tab.id === "inbox" ? "" : `?tab=${tab.id}`}`}
          className={styles.tab}
          aria-current={tab.id === current ? "page" : undefined}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
