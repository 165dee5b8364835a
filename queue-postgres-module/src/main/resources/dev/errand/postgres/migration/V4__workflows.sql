-- Workflows (WorkflowStore): each call on a workflow first locks its row in ${prefix}workflow, so
-- two processes that finish a step's last two dependencies at once pass them on one after the
-- other, and the step is released once. Rows of the other tables are found by workflow id first.
CREATE SEQUENCE ${prefix}workflow_seq;

CREATE TABLE ${prefix}workflow (
  id      text    PRIMARY KEY,
  created bigint  NOT NULL DEFAULT nextval('${prefix}workflow_seq'),
  -- How far the first step in ${prefix}workflow_todo has passed its outcome on to its dependents.
  todo_at integer NOT NULL DEFAULT 0
);
CREATE INDEX ${prefix}workflow_created ON ${prefix}workflow (created);

-- A step: its job (as QueueBackend.add takes it), where it is, and how many of its dependencies
-- have not passed their outcome on yet.
CREATE TABLE ${prefix}workflow_step (
  workflow_id text    NOT NULL,
  step_id     text    NOT NULL,
  position    integer NOT NULL,
  queue       text    NOT NULL,
  name        text    NOT NULL,
  payload     text    NOT NULL,
  options     text,
  job_id      text    NOT NULL,
  priority    integer NOT NULL,
  job_group   text,
  -- For a batch callback: the policy under which steps added to the batch later join it.
  callback    text,
  state       text    NOT NULL,
  waiting     integer NOT NULL,
  result      text,
  reason      text,
  PRIMARY KEY (workflow_id, step_id)
);
CREATE INDEX ${prefix}workflow_step_ready ON ${prefix}workflow_step (workflow_id)
  WHERE state = 'READY';

-- A dependency: to_step waits for from_step. Numbered among from_step's dependents (the order
-- outcomes are passed on in, a bounded number at a time) and among to_step's dependencies.
CREATE TABLE ${prefix}workflow_edge (
  workflow_id  text    NOT NULL,
  from_step    text    NOT NULL,
  position     integer NOT NULL,
  to_step      text    NOT NULL,
  dep_position integer NOT NULL,
  policy       text    NOT NULL,
  pending      boolean NOT NULL DEFAULT true,
  PRIMARY KEY (workflow_id, from_step, position)
);
CREATE INDEX ${prefix}workflow_edge_to ON ${prefix}workflow_edge (workflow_id, to_step, dep_position);

-- Steps whose outcome is still to be passed on, in order.
CREATE TABLE ${prefix}workflow_todo (
  workflow_id text   NOT NULL,
  seq         bigint GENERATED ALWAYS AS IDENTITY,
  step_id     text   NOT NULL,
  PRIMARY KEY (workflow_id, seq)
);

-- Workflows whose steps are being released to their queues; a note left by a process that died
-- lets another finish the release.
CREATE TABLE ${prefix}workflow_release (
  workflow_id text   PRIMARY KEY,
  since       bigint NOT NULL
);
CREATE INDEX ${prefix}workflow_release_since ON ${prefix}workflow_release (since);
