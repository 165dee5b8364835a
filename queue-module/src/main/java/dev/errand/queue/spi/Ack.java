package dev.errand.queue.spi;

import dev.errand.queue.JobFailure;
import dev.errand.queue.Retention;
import java.time.Instant;

/**
 * The outcome of one run, for {@link QueueBackend#acknowledge}. Its {@link #run()} says when and
 * where the run happened and how long it took, for the job's attempts and the queue's history; null
 * when unknown (such an outcome is counted in the history without a run time, and leaves no
 * attempt).
 */
public sealed interface Ack {

  /** The job's id. */
  String id();

  /** How the run went, or null. */
  RunInfo run();

  /** This outcome with {@code run}. */
  Ack withRun(RunInfo run);

  /**
   * The run succeeded.
   *
   * @param result what the handler returned, as JSON, or null
   * @param retention how many completed jobs the queue keeps
   */
  record Complete(String id, String result, Retention retention, RunInfo run) implements Ack {

    public Complete(String id, String result, Retention retention) {
      this(id, result, retention, null);
    }

    @Override
    public Complete withRun(RunInfo run) {
      return new Complete(id, result, retention, run);
    }
  }

  /**
   * The run failed and the job runs again at {@code runAt}.
   *
   * @param failure why the run failed
   */
  record Retry(String id, Instant runAt, JobFailure failure, RunInfo run) implements Ack {

    public Retry(String id, Instant runAt, JobFailure failure) {
      this(id, runAt, failure, null);
    }

    @Override
    public Retry withRun(RunInfo run) {
      return new Retry(id, runAt, failure, run);
    }
  }

  /**
   * The job failed for good.
   *
   * @param dead true when its attempts ran out (it joins the dead-letter list), false when it
   *     failed without using them (an unrecoverable error, an unusable payload)
   * @param retention how many failed or dead jobs the queue keeps
   */
  record Fail(String id, JobFailure failure, boolean dead, Retention retention, RunInfo run)
      implements Ack {

    public Fail(String id, JobFailure failure, boolean dead, Retention retention) {
      this(id, failure, dead, retention, null);
    }

    @Override
    public Fail withRun(RunInfo run) {
      return new Fail(id, failure, dead, retention, run);
    }
  }

  /**
   * The handler snoozed the job: it runs again at {@code runAt} and this run does not count as an
   * attempt, so the next run has the same attempt number; its last failure, if any, stays. Neither
   * the history nor the attempts count it.
   */
  record Snooze(String id, Instant runAt, RunInfo run) implements Ack {

    public Snooze(String id, Instant runAt) {
      this(id, runAt, null);
    }

    @Override
    public Snooze withRun(RunInfo run) {
      return new Snooze(id, runAt, run);
    }
  }
}
