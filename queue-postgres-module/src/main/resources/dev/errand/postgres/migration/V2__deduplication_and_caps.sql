-- Deduplication keys (JobOptions.deduplicate): the job that stands for a key's adds, and until
-- when (epoch ms) it catches duplicates; while-unfinished keys have no end and stand while their
-- job is waiting, delayed or active. An add of a key locks its row, so adds of one key from many
-- processes take turns.
CREATE TABLE ${prefix}dedup (
  queue   text   NOT NULL,
  key     text   NOT NULL,
  id      text   NOT NULL,
  until   bigint NOT NULL,
  PRIMARY KEY (queue, key)
);

-- A job parked by its group's concurrency cap (QueueBackend.concurrencyCaps): delayed, and put
-- back in line as soon as its group runs below the cap.
ALTER TABLE ${prefix}job ADD COLUMN parked boolean NOT NULL DEFAULT false;
