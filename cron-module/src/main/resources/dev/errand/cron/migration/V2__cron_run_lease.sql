-- When a RUNNING run last renewed its lease (null: not since it started). A run whose renewal is
-- older than the lease (CRON_RUN_LEASE) no longer blocks its job's next tick.
ALTER TABLE errand_cron_run ADD COLUMN renewed_at TIMESTAMP WITH TIME ZONE;
