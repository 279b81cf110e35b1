-- Replay against providers, batch replays and regression datasets; webhook delivery details;
-- default alert rules created once per project.

CREATE TYPE "provider_kind" AS ENUM ('openai', 'anthropic');
CREATE TYPE "replay_batch_status" AS ENUM ('running', 'succeeded', 'failed', 'stopped_at_cost_cap');

ALTER TABLE "project" ADD COLUMN "alert_rules_seeded_at" TIMESTAMPTZ(3);

CREATE TABLE "provider_credential" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "provider_kind" NOT NULL,
    "base_url" TEXT NOT NULL,
    "encrypted_api_key" TEXT NOT NULL,
    "api_key_hint" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_credential_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "replay_batch" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "prompt_version_id" UUID NOT NULL,
    "provider_credential_id" UUID,
    "selection" JSONB NOT NULL,
    "status" "replay_batch_status" NOT NULL DEFAULT 'running',
    "concurrency" INTEGER NOT NULL,
    "cost_cap" DOUBLE PRECISION,
    "total" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "validator_failures" INTEGER NOT NULL DEFAULT 0,
    "cost" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "replay_batch_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "dataset" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dataset_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "dataset_item" (
    "id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "trace_id" TEXT NOT NULL,
    "step_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dataset_item_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "replay" ADD COLUMN "provider_credential_id" UUID,
    ADD COLUMN "batch_id" UUID,
    ADD COLUMN "cache_hit" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "attempts" INTEGER,
    ADD COLUMN "comparison" JSONB,
    ADD COLUMN "validation" JSONB;

ALTER TABLE "alert_delivery" ADD COLUMN "notice_kind" TEXT NOT NULL DEFAULT 'fired',
    ADD COLUMN "request_body" TEXT,
    ADD COLUMN "duration_ms" INTEGER,
    ADD COLUMN "delivered_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "provider_credential_project_id_name_key" ON "provider_credential"("project_id", "name");
CREATE INDEX "replay_batch_project_id_created_at_idx" ON "replay_batch"("project_id", "created_at" DESC);
CREATE UNIQUE INDEX "dataset_project_id_name_key" ON "dataset"("project_id", "name");
CREATE UNIQUE INDEX "dataset_item_dataset_id_trace_id_step_id_key" ON "dataset_item"("dataset_id", "trace_id", "step_id");
CREATE INDEX "replay_batch_id_idx" ON "replay"("batch_id");

-- AddForeignKey
ALTER TABLE "provider_credential" ADD CONSTRAINT "provider_credential_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "replay_batch" ADD CONSTRAINT "replay_batch_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "replay_batch" ADD CONSTRAINT "replay_batch_prompt_version_id_fkey" FOREIGN KEY ("prompt_version_id") REFERENCES "prompt_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "replay_batch" ADD CONSTRAINT "replay_batch_provider_credential_id_fkey" FOREIGN KEY ("provider_credential_id") REFERENCES "provider_credential"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "dataset" ADD CONSTRAINT "dataset_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "dataset_item" ADD CONSTRAINT "dataset_item_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "dataset_item" ADD CONSTRAINT "dataset_item_project_id_trace_id_fkey" FOREIGN KEY ("project_id", "trace_id") REFERENCES "trace"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "replay" ADD CONSTRAINT "replay_provider_credential_id_fkey" FOREIGN KEY ("provider_credential_id") REFERENCES "provider_credential"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "replay" ADD CONSTRAINT "replay_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "replay_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
