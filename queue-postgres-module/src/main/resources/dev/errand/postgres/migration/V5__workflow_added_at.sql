-- When each workflow was added (epoch milliseconds, the database's clock), so that finished
-- workflows can be deleted once JOBS_WORKFLOW_RETENTION has passed since.
ALTER TABLE ${prefix}workflow
  ADD COLUMN added_at bigint NOT NULL DEFAULT (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
CREATE INDEX ${prefix}workflow_added ON ${prefix}workflow (added_at);
