import Link from "next/link";
import { EmptyState } from "@/components/empty-state";

export default function NotFound() {
  return (
    <main id="main">
      <EmptyState
        title="Not found"
        actions={
          <Link className="button" href="/">
            Go to your projects
          </Link>
        }
      >
        <p>This page does not exist, or it belongs to a project you are not a member of.</p>
      </EmptyState>
    </main>
  );
}
