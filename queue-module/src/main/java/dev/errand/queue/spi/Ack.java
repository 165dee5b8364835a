package dev.errand.queue.spi;

import dev.errand.queue.JobFailure;
import dev.errand.queue.Retention;
import java.time.Instant;

/** The outcome of one run, for {@link QueueBackend#acknowledge}. */
public sealed interface Ack {

  /** The job's id. */
  String id();

  /**
   * The run succeeded.
   *
   * @param result what the handler returned, as JSON, or null
   * @param retention how many completed jobs the queue keeps
   */
  record Complete(String id, String result, Retention retention) implements Ack {}

  /**
   * The run failed and the job runs again at {@code runAt}.
   *
   * @param failure why the run failed
   */
  record Retry(String id, Instant runAt, JobFailure failure) implements Ack {}

  /**
   * The job failed for good.
   *
   * @param dead true when its attempts ran out (it joins the dead-letter list), false when it
   *     failed without using them (an unrecoverable error, an unusable payload)
   * @param retention how many failed or dead jobs the queue keeps
   */
  record Fail(String id, JobFailure failure, boolean dead, Retention retention) implements Ack {}

  /**
   * The handler snoozed the job: it runs again at {@code runAt} and this run does not count as an
   * attempt, so the next run has the same attempt number; its last failure, if any, stays.
   */
  record Snooze(String id, Instant runAt) implements Ack {}
}
