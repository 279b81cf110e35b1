-- Event ids are remembered for a retention period (idempotent retries), then pruned; a BRIN index
-- finds the old rows without slowing the insert path.
CREATE INDEX "ingestion_event_received_at_idx" ON "ingestion_event" USING BRIN ("received_at");
