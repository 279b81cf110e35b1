-- Payload text is indexed for search after it is stored, not while. Breaking a payload's text into
-- words costs PostgreSQL about 170 µs per KiB, far more than storing it: inside the ingestion
-- transaction it was most of the database's work per batch and held the batch's locks meanwhile.
-- Ingestion now queues each new payload; a background indexer (packages/db/src/search) moves queued
-- payloads' words into payload_search, so a search finds new content a moment after it is stored.

CREATE TABLE "payload_search_queue" (
    "project_id" UUID NOT NULL,
    "hash" BYTEA NOT NULL,
    "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payload_search_queue_pkey" PRIMARY KEY ("project_id", "hash")
);

CREATE TABLE "payload_search" (
    "project_id" UUID NOT NULL,
    "hash" BYTEA NOT NULL,
    "document" TSVECTOR NOT NULL,
    CONSTRAINT "payload_search_pkey" PRIMARY KEY ("project_id", "hash")
);

ALTER TABLE "payload_search_queue" ADD CONSTRAINT "payload_search_queue_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "payload_search" ADD CONSTRAINT "payload_search_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-managed (Prisma cannot express a GIN index over a tsvector column it does not support):
-- listed in packages/db/test/schema-drift.test.ts. A small pending list, as for the other search
-- indexes (migration 20261121160000_search_pending_list).
CREATE INDEX "payload_search_document_idx" ON "payload_search" USING GIN ("document") WITH (gin_pending_list_limit = 256);

-- Content stored before this migration is queued, and its old index goes.
INSERT INTO "payload_search_queue" ("project_id", "hash") SELECT "project_id", "hash" FROM "payload";
DROP INDEX "payload_search_idx";
