import type { Database } from "../client.ts";

/** Until sign-in exists, every request acts as this one administrator. */
export const LOCAL_ADMIN = { email: "admin@loupe.local", name: "Local admin" } as const;

export async function ensureLocalAdmin(db: Database) {
  return db.user.upsert({
    where: { email: LOCAL_ADMIN.email },
    create: { ...LOCAL_ADMIN },
    update: {},
  });
}

/** Creates the project if its slug is new and makes the user its owner. */
export async function ensureProject(
  db: Database,
  { slug, name, ownerId }: { slug: string; name: string; ownerId: string },
) {
  const project = await db.project.upsert({ where: { slug }, create: { slug, name }, update: {} });
  await db.projectMember.upsert({
    where: { projectId_userId: { projectId: project.id, userId: ownerId } },
    create: { projectId: project.id, userId: ownerId, role: "owner" },
    update: {},
  });
  return project;
}

export async function listProjectsForUser(db: Database, { userId }: { userId: string }) {
  const memberships = await db.projectMember.findMany({
    where: { userId },
    include: { project: { select: { id: true, slug: true, name: true, createdAt: true } } },
    orderBy: { project: { createdAt: "asc" } },
  });
  return memberships.map(({ project, role }) => ({ ...project, role }));
}

export async function findMembership(db: Database, { userId, projectId }: { userId: string; projectId: string }) {
  return db.projectMember.findUnique({ where: { projectId_userId: { projectId, userId } } });
}
