import { chmod, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabaseClient, ensureLocalAdmin, ensureProject } from "../src/index.ts";
import { openDatabase } from "../src/runtime.ts";

describe("openDatabase without DATABASE_URL", () => {
  // mkdtemp makes a private folder; the server may run as another user, who must be able to enter it.
  const parent = mkdtemp(path.join(tmpdir(), "loupe-embedded-")).then(async (folder) => {
    await chmod(folder, 0o755);
    return folder;
  });
  afterAll(async () => rm(await parent, { recursive: true, force: true }));

  it("starts an embedded PostgreSQL, applies the same migrations, and keeps data across restarts", async () => {
    const dataDir = path.join(await parent, "data");
    const env = { LOUPE_DATA_DIR: dataDir, LOUPE_EMBEDDED_PG_PORT: 0 };

    const first = await openDatabase({ env });
    try {
      expect(first.mode).toBe("embedded");
      expect(first.migrations.applied).toContain("20261121000000_init");
      const db = createDatabaseClient(first.databaseUrl);
      const admin = await ensureLocalAdmin(db);
      await ensureProject(db, { slug: "kept", name: "Kept across restarts", ownerId: admin.id });
      await db.$disconnect();
    } finally {
      await first.close();
    }
    expect((await stat(path.join(dataDir, "PG_VERSION"))).isFile()).toBe(true);

    const second = await openDatabase({ env });
    try {
      expect(second.migrations.applied).toEqual([]);
      expect(second.migrations.alreadyApplied).toEqual(first.migrations.applied);
      const db = createDatabaseClient(second.databaseUrl);
      const project = await db.project.findUnique({ where: { slug: "kept" } });
      expect(project?.name).toBe("Kept across restarts");
      await db.$disconnect();
    } finally {
      await second.close();
    }
  });
});
