-- GIN indexes take new entries into a pending list, merged into the index in bulk later. With the
-- default limit (4 MB) the list's pages stay allocated after each merge, which more than doubled
-- what content search cost in storage on the storage benchmark. A 256 kB list keeps inserts cheap
-- and merges small: no write stalls on one large merge.
ALTER INDEX "payload_search_idx" SET (gin_pending_list_limit = 256);
ALTER INDEX "trace_search_idx" SET (gin_pending_list_limit = 256);
ALTER INDEX "step_search_idx" SET (gin_pending_list_limit = 256);
