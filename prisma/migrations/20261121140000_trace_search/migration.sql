-- Trace search: full-text search over stored content and names, and the lookups that lead from a
-- matching payload back to the runs that reference it.

-- The text of a payload that search sees: its string and number values (not its keys, which would
-- make "role" or "content" match everything), JSON escapes undone, cut to the first 32,768
-- characters. The cut bounds the work per write and keeps every tsvector far below PostgreSQL's
-- 1 MB limit (at most 128 KiB of text), so no payload can ever fail to be stored because of search.
CREATE FUNCTION "payload_search_text"(body JSONB) RETURNS TEXT
LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT left(coalesce(string_agg(value #>> '{}', ' '), ''), 32768)
  FROM jsonb_path_query(body, 'strict $.** ? (@.type() == "string" || @.type() == "number")') AS value
$$;

-- Hand-managed (Prisma cannot express expression indexes): listed in packages/db/test/schema-drift.test.ts.
-- 'simple' configuration: no stemming or stop words, so identifiers, order numbers and words in any
-- language match as written.
CREATE INDEX "payload_search_idx" ON "payload" USING GIN (to_tsvector('simple'::regconfig, "payload_search_text"("body")));
CREATE INDEX "trace_search_idx" ON "trace" USING GIN (to_tsvector('simple'::regconfig, coalesce("name", '') || ' ' || coalesce("status_message", '')));
CREATE INDEX "step_search_idx" ON "step" USING GIN (to_tsvector('simple'::regconfig, coalesce("name", '') || ' ' || coalesce("status_message", '')));

-- From a matching payload to the runs and steps that reference it, and through conversations.
CREATE INDEX "trace_project_id_input_hash_idx" ON "trace"("project_id", "input_hash");
CREATE INDEX "trace_project_id_output_hash_idx" ON "trace"("project_id", "output_hash");
CREATE INDEX "step_project_id_input_hash_idx" ON "step"("project_id", "input_hash");
CREATE INDEX "step_project_id_output_hash_idx" ON "step"("project_id", "output_hash");
CREATE INDEX "step_project_id_input_messages_hash_idx" ON "step"("project_id", "input_messages_hash");
CREATE INDEX "message_node_project_id_message_hash_idx" ON "message_node"("project_id", "message_hash");
CREATE INDEX "message_node_project_id_parent_hash_idx" ON "message_node"("project_id", "parent_hash");

-- The trace list's model and agent filters.
CREATE INDEX "step_project_id_model_idx" ON "step"("project_id", "model");
CREATE INDEX "step_project_id_agent_name_idx" ON "step"("project_id", "agent_name");
