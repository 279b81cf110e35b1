import { listProjectsForUser, type Database } from "@loupe/db";

export async function listProjects({ db, userId }: { db: Database; userId: string }) {
  return listProjectsForUser(db, { userId });
}
