import { Prisma, type Database, type PromptVersionModel } from "@loupe/db";
import { PromptConfig, PromptTemplate, listTemplateVariables } from "@loupe/replay";
import { diffLines } from "diff";
import { NotFoundError, ServiceError } from "../errors.ts";
import { CreatePromptVersionInput } from "./prompt-schemas.ts";

/** A stored version with its template and config parsed, and the variables it expects. */
export function readPromptVersion(stored: PromptVersionModel) {
  const template = PromptTemplate.parse(stored.template);
  return {
    id: stored.id,
    version: stored.version,
    type: template.type,
    template,
    config: PromptConfig.parse(stored.config),
    labels: stored.labels,
    commitMessage: stored.commitMessage,
    createdAt: stored.createdAt,
    variables: listTemplateVariables(template),
  };
}
export type PromptVersionView = ReturnType<typeof readPromptVersion>;

export async function listPrompts({ db, projectId }: { db: Database; projectId: string }) {
  const prompts = await db.prompt.findMany({
    where: { projectId },
    orderBy: { name: "asc" },
    include: { versions: { orderBy: { version: "desc" }, select: { version: true, labels: true, createdAt: true } } },
  });
  return prompts.map((prompt) => ({
    name: prompt.name,
    latestVersion: prompt.versions[0]?.version ?? 0,
    versionCount: prompt.versions.length,
    updatedAt: prompt.versions[0]?.createdAt ?? prompt.createdAt,
    labels: prompt.versions.flatMap((version) => version.labels.map((label) => ({ label, version: version.version }))),
  }));
}

export async function getPrompt({ db, projectId, name }: { db: Database; projectId: string; name: string }) {
  const prompt = await db.prompt.findUnique({
    where: { projectId_name: { projectId, name } },
    include: { versions: { orderBy: { version: "desc" } } },
  });
  if (!prompt) throw new NotFoundError(`There is no prompt named "${name}" in this project.`);
  return { name: prompt.name, versions: prompt.versions.map(readPromptVersion) };
}

/** A version chosen by number, or else by label, or else the newest. */
export async function resolvePromptVersion({
  db,
  projectId,
  name,
  version,
  label,
}: {
  db: Database;
  projectId: string;
  name: string;
  version?: number | undefined;
  label?: string | undefined;
}): Promise<PromptVersionView> {
  const stored = await db.promptVersion.findFirst({
    where: {
      prompt: { projectId, name },
      ...(version !== undefined ? { version } : label ? { labels: { has: label } } : {}),
    },
    orderBy: { version: "desc" },
  });
  if (!stored) {
    const which = version !== undefined ? `version ${version}` : label ? `a version labelled "${label}"` : "any version";
    throw new NotFoundError(`Prompt "${name}" has no ${which}.`);
  }
  return readPromptVersion(stored);
}

const MAX_VERSION_RACES = 3;

/**
 * Adds the next immutable version of a prompt (creating the prompt on its first version). A label
 * names one version at a time, so the labels given here move off the versions that had them.
 */
export async function createPromptVersion({
  db,
  projectId,
  input,
}: {
  db: Database;
  projectId: string;
  input: CreatePromptVersionInput;
}): Promise<PromptVersionView> {
  const labels = [...new Set(input.labels)];
  for (let attempt = 1; ; attempt++) {
    try {
      const stored = await db.$transaction(async (tx) => {
        const prompt = await tx.prompt.upsert({
          where: { projectId_name: { projectId, name: input.name } },
          create: { projectId, name: input.name },
          update: {},
        });
        const latest = await tx.promptVersion.findFirst({
          where: { promptId: prompt.id },
          orderBy: { version: "desc" },
          select: { version: true },
        });
        const latestVersion = latest?.version ?? 0;
        if (input.version !== undefined && input.version <= latestVersion) {
          throw new ServiceError(
            "CONFLICT",
            `version: "${input.name}" already has version ${latestVersion}; versions are immutable, so a new one must be above it.`,
          );
        }
        await removeLabels(tx, prompt.id, labels);
        return tx.promptVersion.create({
          data: {
            promptId: prompt.id,
            version: input.version ?? latestVersion + 1,
            type: input.template.type,
            template: input.template,
            config: input.config as Prisma.InputJsonObject,
            labels,
            commitMessage: input.commitMessage ?? null,
          },
        });
      });
      return readPromptVersion(stored);
    } catch (error) {
      // Two writers took the same number: the loser tries again with the next one.
      const isVersionRace = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!isVersionRace || attempt >= MAX_VERSION_RACES) throw error;
    }
  }
}

async function removeLabels(tx: Prisma.TransactionClient, promptId: string, labels: string[]) {
  if (labels.length === 0) return;
  await tx.$executeRaw`
    UPDATE "prompt_version"
    SET labels = ARRAY(SELECT unnest(labels) EXCEPT SELECT unnest(${labels}::text[]))
    WHERE prompt_id = ${promptId}::uuid AND labels && ${labels}::text[]`;
}

export async function setPromptLabels({
  db,
  projectId,
  name,
  version,
  labels,
}: {
  db: Database;
  projectId: string;
  name: string;
  version: number;
  labels: string[];
}): Promise<PromptVersionView> {
  const unique = [...new Set(labels)];
  const stored = await db.$transaction(async (tx) => {
    const target = await tx.promptVersion.findFirst({ where: { prompt: { projectId, name }, version } });
    if (!target) throw new NotFoundError(`Prompt "${name}" has no version ${version}.`);
    await removeLabels(tx, target.promptId, unique);
    return tx.promptVersion.update({ where: { id: target.id }, data: { labels: unique } });
  });
  return readPromptVersion(stored);
}

/** The template and config as text, so two versions compare line by line. */
function describeVersion(version: PromptVersionView): string {
  const template =
    version.template.type === "text"
      ? version.template.text
      : version.template.messages.map((message) => `[${message.role}]\n${message.content}`).join("\n\n");
  return `${template}\n\n[config]\n${JSON.stringify(version.config, null, 2)}\n`;
}

export async function diffPromptVersions({
  db,
  projectId,
  name,
  from,
  to,
}: {
  db: Database;
  projectId: string;
  name: string;
  from: number;
  to: number;
}) {
  if (from === to) throw new ServiceError("BAD_REQUEST", "from: choose two different versions to compare.");
  const [before, after] = await Promise.all([
    resolvePromptVersion({ db, projectId, name, version: from }),
    resolvePromptVersion({ db, projectId, name, version: to }),
  ]);
  return {
    from: before.version,
    to: after.version,
    parts: diffLines(describeVersion(before), describeVersion(after)).map((part) => ({
      kind: part.added ? ("added" as const) : part.removed ? ("removed" as const) : ("same" as const),
      text: part.value,
    })),
  };
}

type ImportedVersion = { version: number; template: unknown; config?: unknown; labels?: string[]; commitMessage?: string };

/** Creates the versions of many prompts at once, keeping their numbers: for demo data and imports. */
export async function importPrompts({
  db,
  projectId,
  prompts,
}: {
  db: Database;
  projectId: string;
  prompts: readonly { name: string; versions: readonly ImportedVersion[] }[];
}): Promise<number> {
  let created = 0;
  for (const prompt of prompts) {
    const existing = await db.promptVersion.findMany({ where: { prompt: { projectId, name: prompt.name } }, select: { version: true } });
    const known = new Set(existing.map((row) => row.version));
    for (const version of [...prompt.versions].sort((a, b) => a.version - b.version)) {
      if (known.has(version.version)) continue;
      await createPromptVersion({ db, projectId, input: CreatePromptVersionInput.parse({ ...version, name: prompt.name }) });
      created++;
    }
  }
  return created;
}
