-- Order-independent ingestion: events are remembered by id, and a run's fields may be unknown
-- until the event that carries them arrives.

-- CreateTable
CREATE TABLE "ingestion_event" (
    "project_id" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ingestion_event_pkey" PRIMARY KEY ("project_id", "id")
);

-- AddForeignKey
ALTER TABLE "ingestion_event" ADD CONSTRAINT "ingestion_event_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "trace" ALTER COLUMN "name" DROP NOT NULL,
    ALTER COLUMN "environment" DROP NOT NULL,
    ALTER COLUMN "environment" DROP DEFAULT,
    ALTER COLUMN "status" DROP NOT NULL,
    ALTER COLUMN "status" DROP DEFAULT,
    ADD COLUMN "last_update_at" TIMESTAMPTZ(6);

ALTER TABLE "step" ALTER COLUMN "kind" DROP NOT NULL,
    ALTER COLUMN "name" DROP NOT NULL,
    ALTER COLUMN "status" DROP NOT NULL,
    ALTER COLUMN "status" DROP DEFAULT,
    ADD COLUMN "last_update_at" TIMESTAMPTZ(6);

-- Score ids come from senders now: any text, unique within a project.
ALTER TABLE "score" DROP CONSTRAINT "score_pkey",
    ALTER COLUMN "id" TYPE TEXT,
    ADD CONSTRAINT "score_pkey" PRIMARY KEY ("project_id", "id");
