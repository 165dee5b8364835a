-- Step checkpoints (JobContext.step): each finished step's result, by job. Every write to a job's
-- checkpoints moves all of them to its time; a job's checkpoints are deleted a week after it.
CREATE TABLE ${prefix}checkpoint (
  queue    text   NOT NULL,
  job_id   text   NOT NULL,
  step     text   NOT NULL,
  result   text   NOT NULL,
  saved_at bigint NOT NULL,
  PRIMARY KEY (queue, job_id, step)
);
CREATE INDEX ${prefix}checkpoint_saved ON ${prefix}checkpoint (saved_at);
