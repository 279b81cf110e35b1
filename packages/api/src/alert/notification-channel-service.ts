import { randomBytes } from "node:crypto";
import { findWebhookUrlRefusal, type WebhookNetworks } from "@loupe/alerts";
import type { Database, SecretBox } from "@loupe/db";
import { NotFoundError, ServiceError } from "../errors.ts";

export async function listChannels({ db, projectId }: { db: Database; projectId: string }) {
  return db.notificationChannel.findMany({
    where: { projectId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, kind: true, url: true, createdAt: true },
  });
}

/**
 * Adds a webhook channel with a fresh signing secret, returned this once so the receiver can
 * verify the `x-loupe-signature` header; Loupe keeps it encrypted. A URL whose host the server's
 * network setting refuses is turned away here, so a member cannot probe internal addresses
 * through the delivery log.
 */
export async function createChannel({
  db,
  secrets,
  webhookNetworks,
  projectId,
  name,
  kind,
  url,
}: {
  db: Database;
  secrets: SecretBox;
  webhookNetworks: WebhookNetworks;
  projectId: string;
  name: string;
  kind: "webhook" | "slack";
  url: string;
}) {
  const refusal = await findWebhookUrlRefusal({ url, networks: webhookNetworks });
  // Named like a zod issue ("url: ..."), as the form shows every other problem with the field.
  if (refusal) throw new ServiceError("BAD_REQUEST", `url: ${refusal}`);
  const signingSecret = `whsec_${randomBytes(24).toString("base64url")}`;
  const channel = await db.notificationChannel.create({
    data: { projectId, name, kind, url, encryptedSecret: secrets.encrypt(signingSecret) },
    select: { id: true, name: true, kind: true, url: true, createdAt: true },
  });
  return { channel, signingSecret };
}

export async function deleteChannel({ db, projectId, channelId }: { db: Database; projectId: string; channelId: string }) {
  const { count } = await db.notificationChannel.deleteMany({ where: { id: channelId, projectId } });
  if (count === 0) throw new NotFoundError("That channel does not exist in this project.");
}

/** The newest delivery attempts of the project, for the delivery log. */
export async function listDeliveries({ db, projectId }: { db: Database; projectId: string }) {
  return db.alertDelivery.findMany({
    where: { channel: { projectId } },
    orderBy: { updatedAt: "desc" },
    take: 100,
    omit: { requestBody: true },
    include: { channel: { select: { name: true } }, alert: { select: { title: true } } },
  });
}
