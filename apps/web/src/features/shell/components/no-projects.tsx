import { EmptyState } from "@/components/empty-state";

/** Shown when the local user belongs to no project, which is how a fresh install starts. */
export function NoProjects() {
  return (
    <main id="main">
      <EmptyState title="No projects yet">
        <p>
          Loupe shows the runs of your AI agents, grouped by project. There is no project to show
          yet.
        </p>
        <p>
          To start with demo data, run <code>npm start</code> without{" "}
          <code>LOUPE_DEMO_DATA=false</code>: it creates a <strong>Demo agents</strong> project
          filled with recorded agent runs, good and failing, and an API key for it. Then reload this
          page.
        </p>
      </EmptyState>
    </main>
  );
}
