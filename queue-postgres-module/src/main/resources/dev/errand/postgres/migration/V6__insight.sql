-- What operators' tools read besides the jobs (the dashboard's history, workers and attempts).

-- A job's finished runs, oldest first, the last 25: a JSON array of objects a (attempt), s (start,
-- ms), d (run time, ms), w (worker), and for a failed run c, m, t (error class, message, stack).
ALTER TABLE ${prefix}job ADD COLUMN runs jsonb;

-- Per-minute history of each queue, written by acknowledgements in the statement that records
-- them. Bucket -1 counts the runs that ended (runs) and failed (failed); bucket 0 to 120 counts
-- runs by run time (LatencySketch). Each worker writes its own part (a hash of its lease token),
-- so workers acknowledging at once do not wait on one row. Rows past JOBS_HISTORY_RETENTION are
-- deleted by the heartbeats.
CREATE TABLE ${prefix}queue_minute (
  queue  text     NOT NULL,
  minute bigint   NOT NULL,
  bucket smallint NOT NULL,
  part   smallint NOT NULL,
  runs   bigint   NOT NULL,
  failed bigint   NOT NULL,
  PRIMARY KEY (queue, minute, bucket, part)
);
CREATE INDEX ${prefix}queue_minute_age ON ${prefix}queue_minute (minute);

-- The heartbeats of the processes that consume queues: one row each, until expires_at.
CREATE TABLE ${prefix}process (
  id         text   PRIMARY KEY,
  beat       text   NOT NULL,
  expires_at bigint NOT NULL
);
