/**
 * Content this process has written, by project and hash, so that a conversation re-sent at every
 * call is not shipped to PostgreSQL again. Bounded: the oldest keys are forgotten first, and
 * forgetting only costs a redundant insert that the database ignores.
 */
export class KnownContent {
  private readonly keys = new Map<string, true>();

  constructor(private readonly capacity = 200_000) {}

  has(projectId: string, hex: string): boolean {
    const key = `${projectId}:${hex}`;
    if (!this.keys.has(key)) return false;
    this.keys.delete(key);
    this.keys.set(key, true);
    return true;
  }

  remember(projectId: string, hexes: readonly string[]) {
    for (const hex of hexes) {
      this.keys.set(`${projectId}:${hex}`, true);
      if (this.keys.size > this.capacity) {
        const oldest = this.keys.keys().next().value;
        if (oldest !== undefined) this.keys.delete(oldest);
      }
    }
  }

  /** After a project's content is deleted, nothing of it may be assumed stored. */
  forgetProject(projectId: string) {
    for (const key of this.keys.keys()) if (key.startsWith(`${projectId}:`)) this.keys.delete(key);
  }
}
