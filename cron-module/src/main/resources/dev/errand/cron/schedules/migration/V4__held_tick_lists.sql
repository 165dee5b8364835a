-- The ticks a schedule holds as claimed ahead of their moment (epoch ms), in place of one: a
-- schedule that ticks more often than a claim's lease lasts, whose claimer died holding a tick,
-- has its next tick claimed ahead beside it, and each is started, taken over or dropped on its own.
ALTER TABLE ${prefix}schedule ADD COLUMN ahead_runs bigint[] NOT NULL DEFAULT '{}';
UPDATE ${prefix}schedule SET ahead_runs = ARRAY[ahead_run] WHERE ahead_run IS NOT NULL;
ALTER TABLE ${prefix}schedule DROP COLUMN ahead_run;
