package dev.errand.queue.internal;

import dev.errand.queue.JobFailure;
import dev.errand.queue.QueueDefaults;
import dev.errand.queue.Retention;
import dev.errand.queue.SnoozeJobException;
import dev.errand.queue.UnrecoverableJobException;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.LeasedJob;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds every outcome a run of one queue can have: completed, retried after its backoff, failed,
 * dead (its attempts ran out), timed out or cancelled. The worker's parts only say which happened;
 * the failure wording and the retry arithmetic live here alone.
 */
final class Outcomes {

  private static final int MAX_STACK_CHARS = 8000;

  private final String queue;
  private final QueueDefaults defaults;
  private final BackoffCalculator backoff;
  private final Clock clock;

  Outcomes(WorkerContext context) {
    this.queue = context.queue();
    this.defaults = context.config().defaults();
    this.backoff = context.backoff();
    this.clock = context.clock();
  }

  /** The handler returned {@code resultJson} (null for none). */
  Ack completed(LeasedJob job, String resultJson, RunOptions options) {
    return new Ack.Complete(job.id(), resultJson, options.removeOnComplete());
  }

  /** No handler here takes the job's name: failed without a retry, another run would fail too. */
  Ack noHandler(LeasedJob job, RunOptions options) {
    return failedForGood(
        job,
        new JobFailure(
            "NoHandler",
            "No @Process method handles job '"
                + job.name()
                + "' of queue '"
                + queue
                + "' in this process: add @Process(\""
                + job.name()
                + "\") or a catch-all @Process to the queue's @Job class",
            ""),
        options);
  }

  /** The stored payload no longer maps to the handler's type: failed without a retry. */
  Ack payloadMismatch(LeasedJob job, JobHandler handler, Exception error, RunOptions options) {
    return failedForGood(
        job,
        new JobFailure(
            "PayloadMismatch",
            "The payload of job "
                + job.id()
                + " ('"
                + job.name()
                + "', queue '"
                + queue
                + "') no longer maps to "
                + handler.payloadType().toCanonical()
                + " taken by "
                + handler.describe()
                + ": "
                + error.getMessage(),
            ""),
        options);
  }

  /**
   * The handler threw {@code error}, ran past its timeout or was cancelled ({@code error} may be
   * null for the last two): cancelled, snoozed on a {@link SnoozeJobException}, failed for good on
   * an {@link UnrecoverableJobException}, retried after the backoff while attempts remain, else
   * dead.
   */
  Ack failed(RunningJob run, RunOptions options, Throwable error) {
    LeasedJob job = run.job;
    if (run.cancelled() == RunningJob.Cancel.CANCELLED) {
      return cancelled(job, options.removeOnFail());
    }
    if (error instanceof SnoozeJobException snooze && run.cancelled() == null) {
      return new Ack.Snooze(job.id(), clock.instant().plus(snooze.delay()));
    }
    JobFailure failure =
        run.cancelled() == RunningJob.Cancel.TIMEOUT
            ? timedOut(job, options, error)
            : describe(error);
    if (error instanceof UnrecoverableJobException) {
      return failedForGood(job, failure, options);
    }
    if (job.attempt() < options.attempts()) {
      Duration delay = backoff.delay(options.backoff(), job.attempt(), error, defaults.backoff());
      return new Ack.Retry(job.id(), clock.instant().plus(delay), failure);
    }
    return new Ack.Fail(job.id(), failure, true, options.removeOnFail());
  }

  /** A run cancelled through the admin API: failed, without a retry. */
  Ack cancelled(LeasedJob job, Retention retention) {
    return new Ack.Fail(
        job.id(),
        new JobFailure(
            "Cancelled",
            "Job " + job.id() + " of queue '" + queue + "' was cancelled while it ran",
            ""),
        false,
        retention);
  }

  /**
   * The run broke outside its handler (a failure of the worker itself): failed without a retry, and
   * kept whatever the job's retention, since its options may not have been read.
   */
  Ack broken(LeasedJob job, Throwable error) {
    return new Ack.Fail(job.id(), describe(error), false, Retention.keepAll());
  }

  private JobFailure timedOut(LeasedJob job, RunOptions options, Throwable error) {
    return new JobFailure(
        "Timeout",
        "Job "
            + job.id()
            + " of queue '"
            + queue
            + "' ran past its timeout of "
            + options.timeout().toMillis()
            + " ms and was interrupted",
        error == null ? "" : stackTrace(error));
  }

  private static Ack failedForGood(LeasedJob job, JobFailure failure, RunOptions options) {
    return new Ack.Fail(job.id(), failure, false, options.removeOnFail());
  }

  private static JobFailure describe(Throwable error) {
    if (error == null) {
      return new JobFailure("Unknown", "", "");
    }
    return new JobFailure(
        error.getClass().getName(), String.valueOf(error.getMessage()), stackTrace(error));
  }

  private static String stackTrace(Throwable error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    String text = out.toString();
    return text.length() > MAX_STACK_CHARS ? text.substring(0, MAX_STACK_CHARS) : text;
  }
}
