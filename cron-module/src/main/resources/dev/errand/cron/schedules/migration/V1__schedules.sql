-- Runtime schedules (JobSchedules) beside the PostgreSQL queue's tables, under the same prefix.
-- Ids sort byte-wise (COLLATE "C"), so listing by prefix is an index range read in id order.
-- next_run is null while a schedule is paused or has no tick left; only the others are indexed,
-- and that index is all the ticker reads.
CREATE TABLE ${prefix}schedule (
  id         text COLLATE "C" PRIMARY KEY,
  definition text    NOT NULL,
  paused     boolean NOT NULL DEFAULT false,
  next_run   bigint,
  last_run   bigint,
  runs       bigint  NOT NULL DEFAULT 0
);
CREATE INDEX ${prefix}schedule_next ON ${prefix}schedule (next_run, id) WHERE next_run IS NOT NULL;
