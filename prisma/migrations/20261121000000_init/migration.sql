-- Loupe's initial schema. Written to match prisma/schema.prisma; packages/db's drift test fails when they differ.

-- CreateEnum
CREATE TYPE "member_role" AS ENUM ('owner', 'admin', 'member', 'viewer');
CREATE TYPE "run_status" AS ENUM ('running', 'ok', 'error');
CREATE TYPE "step_kind" AS ENUM ('agent', 'llm', 'tool', 'retrieval', 'embedding', 'chain', 'handoff', 'human', 'guardrail', 'validation', 'event');
CREATE TYPE "score_source" AS ENUM ('api', 'human', 'validator', 'detector');
CREATE TYPE "prompt_type" AS ENUM ('chat', 'text');
CREATE TYPE "replay_status" AS ENUM ('pending', 'running', 'succeeded', 'failed');
CREATE TYPE "severity" AS ENUM ('info', 'low', 'medium', 'high', 'critical');
CREATE TYPE "alert_rule_type" AS ENUM ('finding', 'metric');
CREATE TYPE "alert_status" AS ENUM ('firing', 'acknowledged', 'snoozed', 'resolved');
CREATE TYPE "channel_kind" AS ENUM ('webhook', 'slack');
CREATE TYPE "delivery_status" AS ENUM ('pending', 'delivered', 'failed');

-- CreateTable
CREATE TABLE "project" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "project_member" (
    "project_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "member_role" NOT NULL DEFAULT 'member',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "project_member_pkey" PRIMARY KEY ("project_id", "user_id")
);

CREATE TABLE "api_key" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "public_key" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "secret_hint" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "session" (
    "project_id" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "user_id" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "session_pkey" PRIMARY KEY ("project_id", "id")
);

CREATE TABLE "trace" (
    "project_id" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "session_id" TEXT,
    "user_id" TEXT,
    "release" TEXT,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "status" "run_status" NOT NULL DEFAULT 'running',
    "status_message" TEXT,
    "start_time" TIMESTAMPTZ(6) NOT NULL,
    "end_time" TIMESTAMPTZ(6),
    "input_hash" BYTEA,
    "output_hash" BYTEA,
    "step_count" INTEGER NOT NULL DEFAULT 0,
    "error_count" INTEGER NOT NULL DEFAULT 0,
    "input_tokens" BIGINT NOT NULL DEFAULT 0,
    "output_tokens" BIGINT NOT NULL DEFAULT 0,
    "total_cost" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "finding_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "trace_pkey" PRIMARY KEY ("project_id", "id")
);

CREATE TABLE "step" (
    "project_id" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "trace_id" TEXT NOT NULL,
    "parent_id" TEXT,
    "seq" BIGSERIAL NOT NULL,
    "kind" "step_kind" NOT NULL,
    "name" TEXT NOT NULL,
    "agent_name" TEXT,
    "status" "run_status" NOT NULL DEFAULT 'running',
    "status_message" TEXT,
    "start_time" TIMESTAMPTZ(6) NOT NULL,
    "end_time" TIMESTAMPTZ(6),
    "model" TEXT,
    "provider" TEXT,
    "model_parameters" JSONB,
    "prompt_name" TEXT,
    "prompt_version" INTEGER,
    "prompt_variables" JSONB,
    "tool_name" TEXT,
    "tool_version" TEXT,
    "tool_call_id" TEXT,
    "input_hash" BYTEA,
    "input_messages_hash" BYTEA,
    "output_hash" BYTEA,
    "input_tokens" INTEGER,
    "output_tokens" INTEGER,
    "cached_tokens" INTEGER,
    "reasoning_tokens" INTEGER,
    "usage_estimated" BOOLEAN NOT NULL DEFAULT false,
    "provided_cost" DOUBLE PRECISION,
    "calculated_cost" DOUBLE PRECISION,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "step_pkey" PRIMARY KEY ("project_id", "id")
);

CREATE TABLE "payload" (
    "project_id" UUID NOT NULL,
    "hash" BYTEA NOT NULL,
    "body" JSONB NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payload_pkey" PRIMARY KEY ("project_id", "hash")
);

CREATE TABLE "message_node" (
    "project_id" UUID NOT NULL,
    "hash" BYTEA NOT NULL,
    "parent_hash" BYTEA,
    "message_hash" BYTEA NOT NULL,
    "depth" INTEGER NOT NULL,
    CONSTRAINT "message_node_pkey" PRIMARY KEY ("project_id", "hash")
);

CREATE TABLE "score" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "trace_id" TEXT NOT NULL,
    "step_id" TEXT,
    "name" TEXT NOT NULL,
    "source" "score_source" NOT NULL DEFAULT 'api',
    "value" DOUBLE PRECISION,
    "string_value" TEXT,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "score_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "prompt" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "prompt_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "prompt_version" (
    "id" UUID NOT NULL,
    "prompt_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "type" "prompt_type" NOT NULL,
    "template" JSONB NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "labels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "commit_message" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "prompt_version_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "replay" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "trace_id" TEXT NOT NULL,
    "step_id" TEXT NOT NULL,
    "prompt_version_id" UUID,
    "fingerprint" TEXT NOT NULL,
    "status" "replay_status" NOT NULL DEFAULT 'pending',
    "request" JSONB NOT NULL,
    "response" JSONB,
    "error" TEXT,
    "temperature" DOUBLE PRECISION,
    "seed" INTEGER,
    "input_tokens" INTEGER,
    "output_tokens" INTEGER,
    "cost" DOUBLE PRECISION,
    "latency_ms" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "replay_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "finding" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "trace_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "detector_id" TEXT NOT NULL,
    "detector_version" INTEGER NOT NULL,
    "group_key" TEXT NOT NULL,
    "severity" "severity" NOT NULL,
    "explanation" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "step_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "first_step_id" TEXT,
    "dismissed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "finding_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "alert_rule" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" "alert_rule_type" NOT NULL,
    "finding_kinds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "metric" TEXT,
    "window_seconds" INTEGER,
    "threshold" DOUBLE PRECISION,
    "severity" "severity" NOT NULL,
    "group_by" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "cooldown_seconds" INTEGER NOT NULL DEFAULT 900,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "alert_rule_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "alert" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "rule_id" UUID NOT NULL,
    "group_key" TEXT NOT NULL,
    "status" "alert_status" NOT NULL DEFAULT 'firing',
    "severity" "severity" NOT NULL,
    "title" TEXT NOT NULL,
    "occurrence_count" INTEGER NOT NULL DEFAULT 0,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "snoozed_until" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    CONSTRAINT "alert_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "alert_occurrence" (
    "id" UUID NOT NULL,
    "alert_id" UUID NOT NULL,
    "trace_id" TEXT NOT NULL,
    "finding_id" UUID,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "alert_occurrence_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "notification_channel" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "channel_kind" NOT NULL,
    "url" TEXT NOT NULL,
    "encrypted_secret" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notification_channel_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "alert_rule_channel" (
    "rule_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    CONSTRAINT "alert_rule_channel_pkey" PRIMARY KEY ("rule_id", "channel_id")
);

CREATE TABLE "alert_delivery" (
    "id" UUID NOT NULL,
    "alert_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "status" "delivery_status" NOT NULL DEFAULT 'pending',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "response_code" INTEGER,
    "error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "alert_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "project_slug_key" ON "project"("slug");
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");
CREATE INDEX "project_member_user_id_idx" ON "project_member"("user_id");
CREATE UNIQUE INDEX "api_key_public_key_key" ON "api_key"("public_key");
CREATE UNIQUE INDEX "api_key_secret_hash_key" ON "api_key"("secret_hash");
CREATE INDEX "api_key_project_id_idx" ON "api_key"("project_id");
CREATE INDEX "session_project_id_created_at_idx" ON "session"("project_id", "created_at" DESC);
CREATE INDEX "trace_project_id_start_time_idx" ON "trace"("project_id", "start_time" DESC);
CREATE INDEX "trace_project_id_name_start_time_idx" ON "trace"("project_id", "name", "start_time" DESC);
CREATE INDEX "trace_project_id_status_start_time_idx" ON "trace"("project_id", "status", "start_time" DESC);
CREATE INDEX "trace_project_id_session_id_start_time_idx" ON "trace"("project_id", "session_id", "start_time");
CREATE INDEX "trace_project_id_user_id_start_time_idx" ON "trace"("project_id", "user_id", "start_time" DESC);
CREATE INDEX "trace_tags_idx" ON "trace" USING GIN ("tags");
CREATE INDEX "step_project_id_trace_id_start_time_seq_idx" ON "step"("project_id", "trace_id", "start_time", "seq");
CREATE INDEX "step_project_id_tool_name_start_time_idx" ON "step"("project_id", "tool_name", "start_time" DESC);
CREATE INDEX "step_project_id_prompt_name_prompt_version_idx" ON "step"("project_id", "prompt_name", "prompt_version");
CREATE INDEX "score_project_id_trace_id_idx" ON "score"("project_id", "trace_id");
CREATE INDEX "score_project_id_name_created_at_idx" ON "score"("project_id", "name", "created_at" DESC);
CREATE UNIQUE INDEX "prompt_project_id_name_key" ON "prompt"("project_id", "name");
CREATE UNIQUE INDEX "prompt_version_prompt_id_version_key" ON "prompt_version"("prompt_id", "version");
CREATE INDEX "replay_project_id_fingerprint_idx" ON "replay"("project_id", "fingerprint");
CREATE INDEX "replay_project_id_trace_id_step_id_idx" ON "replay"("project_id", "trace_id", "step_id");
CREATE UNIQUE INDEX "finding_project_id_trace_id_detector_id_group_key_key" ON "finding"("project_id", "trace_id", "detector_id", "group_key");
CREATE INDEX "finding_project_id_kind_created_at_idx" ON "finding"("project_id", "kind", "created_at" DESC);
CREATE INDEX "alert_rule_project_id_idx" ON "alert_rule"("project_id");
CREATE INDEX "alert_project_id_status_last_seen_at_idx" ON "alert"("project_id", "status", "last_seen_at" DESC);
CREATE INDEX "alert_rule_id_group_key_idx" ON "alert"("rule_id", "group_key");
CREATE UNIQUE INDEX "alert_occurrence_alert_id_trace_id_key" ON "alert_occurrence"("alert_id", "trace_id");
CREATE INDEX "notification_channel_project_id_idx" ON "notification_channel"("project_id");
CREATE INDEX "alert_delivery_status_next_attempt_at_idx" ON "alert_delivery"("status", "next_attempt_at");
CREATE INDEX "alert_delivery_alert_id_idx" ON "alert_delivery"("alert_id");

-- AddForeignKey
ALTER TABLE "project_member" ADD CONSTRAINT "project_member_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "project_member" ADD CONSTRAINT "project_member_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "session" ADD CONSTRAINT "session_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "trace" ADD CONSTRAINT "trace_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "trace" ADD CONSTRAINT "trace_session_fkey" FOREIGN KEY ("project_id", "session_id") REFERENCES "session"("project_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "step" ADD CONSTRAINT "step_project_id_trace_id_fkey" FOREIGN KEY ("project_id", "trace_id") REFERENCES "trace"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "payload" ADD CONSTRAINT "payload_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "message_node" ADD CONSTRAINT "message_node_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "score" ADD CONSTRAINT "score_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "score" ADD CONSTRAINT "score_project_id_trace_id_fkey" FOREIGN KEY ("project_id", "trace_id") REFERENCES "trace"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "prompt" ADD CONSTRAINT "prompt_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "prompt_version" ADD CONSTRAINT "prompt_version_prompt_id_fkey" FOREIGN KEY ("prompt_id") REFERENCES "prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "replay" ADD CONSTRAINT "replay_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "replay" ADD CONSTRAINT "replay_project_id_trace_id_fkey" FOREIGN KEY ("project_id", "trace_id") REFERENCES "trace"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "replay" ADD CONSTRAINT "replay_prompt_version_id_fkey" FOREIGN KEY ("prompt_version_id") REFERENCES "prompt_version"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "finding" ADD CONSTRAINT "finding_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "finding" ADD CONSTRAINT "finding_project_id_trace_id_fkey" FOREIGN KEY ("project_id", "trace_id") REFERENCES "trace"("project_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_rule" ADD CONSTRAINT "alert_rule_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert" ADD CONSTRAINT "alert_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert" ADD CONSTRAINT "alert_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rule"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_occurrence" ADD CONSTRAINT "alert_occurrence_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_occurrence" ADD CONSTRAINT "alert_occurrence_finding_id_fkey" FOREIGN KEY ("finding_id") REFERENCES "finding"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "notification_channel" ADD CONSTRAINT "notification_channel_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_rule_channel" ADD CONSTRAINT "alert_rule_channel_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rule"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_rule_channel" ADD CONSTRAINT "alert_rule_channel_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "notification_channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_delivery" ADD CONSTRAINT "alert_delivery_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_delivery" ADD CONSTRAINT "alert_delivery_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "notification_channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;
