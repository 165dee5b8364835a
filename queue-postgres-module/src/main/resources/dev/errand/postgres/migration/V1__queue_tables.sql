-- Errand's queue tables; ${prefix} is the table prefix (JOBS_TABLE_PREFIX, default errand_).
-- Times are epoch milliseconds of the workers' clock.

-- Ids of jobs added without a jobId, and the order of adding (FIFO within a priority).
CREATE SEQUENCE ${prefix}job_seq;

-- One row a job, whatever its state. A job's row changes a few times in its life (leased,
-- finished) and is deleted by retention; nothing is updated once a fetch or an add, so dead
-- tuples grow with the jobs processed, and autovacuum is asked to come sooner than its defaults.
CREATE TABLE ${prefix}job (
  queue         text    NOT NULL,
  id            text    NOT NULL,
  seq           bigint  NOT NULL,
  name          text    NOT NULL,
  payload       text    NOT NULL,
  options       text,
  priority      integer NOT NULL,
  grp           text,
  state         text    NOT NULL,
  -- delayed: when it may run; active: when its lease expires
  due_at        bigint,
  token         text,
  attempts      integer NOT NULL DEFAULT 0,
  stalls        integer NOT NULL DEFAULT 0,
  created_at    bigint  NOT NULL,
  started_at    bigint,
  finished_at   bigint,
  progress      text,
  result        text,
  error_class   text,
  error_message text,
  error_stack   text,
  PRIMARY KEY (queue, id),
  CONSTRAINT ${prefix}job_state CHECK
    (state IN ('waiting', 'delayed', 'active', 'completed', 'failed', 'dead'))
) WITH (
  fillfactor = 85,
  autovacuum_vacuum_scale_factor = 0.02,
  autovacuum_vacuum_insert_scale_factor = 0.05,
  autovacuum_analyze_scale_factor = 0.05
);

-- The fetch: the first waiting jobs of a queue, higher priority first, then in the order added.
CREATE INDEX ${prefix}job_waiting ON ${prefix}job (queue, priority DESC, seq)
  WHERE state = 'waiting';
-- Delayed jobs falling due and leases expiring.
CREATE INDEX ${prefix}job_due ON ${prefix}job (queue, state, due_at)
  WHERE state IN ('delayed', 'active');
-- Retention and listings of finished jobs, newest last.
CREATE INDEX ${prefix}job_finished ON ${prefix}job (queue, state, finished_at, seq)
  WHERE state IN ('completed', 'failed', 'dead');

-- Lines a handler logged: inserted, never updated, deleted with their job.
CREATE TABLE ${prefix}job_log (
  queue   text   NOT NULL,
  id      text   NOT NULL,
  line_no bigint GENERATED ALWAYS AS IDENTITY,
  line    text   NOT NULL,
  PRIMARY KEY (queue, id, line_no),
  FOREIGN KEY (queue, id) REFERENCES ${prefix}job (queue, id) ON DELETE CASCADE
);

-- A queue's pause flag, its rate-limit window, and until when a worker may wait idle for it (adds
-- send a wake-up only then); written by pause and resume, fetches of a rate-limited queue, and a
-- worker going idle at most every few minutes.
CREATE TABLE ${prefix}queue (
  queue        text    PRIMARY KEY,
  paused       boolean NOT NULL DEFAULT false,
  idle_until   bigint  NOT NULL DEFAULT 0,
  window_start bigint  NOT NULL DEFAULT 0,
  window_count integer NOT NULL DEFAULT 0
);

-- The rate-limit window of each group of a queue.
CREATE TABLE ${prefix}group_window (
  queue        text    NOT NULL,
  grp          text    NOT NULL,
  window_start bigint  NOT NULL,
  window_count integer NOT NULL,
  PRIMARY KEY (queue, grp)
);
