-- One row per cron job: the row a claim locks (SELECT ... FOR UPDATE), and the paused switch.
CREATE TABLE errand_cron_job (
    job_id VARCHAR(255) NOT NULL PRIMARY KEY,
    paused BOOLEAN DEFAULT FALSE NOT NULL
);

-- One row per job and tick; the primary key makes a tick claimable once.
CREATE TABLE errand_cron_run (
    job_id       VARCHAR(255) NOT NULL,
    scheduled_at TIMESTAMP WITH TIME ZONE NOT NULL,
    status       VARCHAR(16) NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    instance     VARCHAR(255) NOT NULL,
    error        VARCHAR(4000),
    PRIMARY KEY (job_id, scheduled_at)
);

CREATE INDEX errand_cron_run_status ON errand_cron_run (job_id, status);
