package dev.errand.queue.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.queue.JobFailure;
import dev.errand.queue.QueueDefaults;
import dev.errand.queue.Retention;
import dev.errand.queue.UnrecoverableJobException;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.QueueBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one leased job through its handler and decides the outcome: complete, retry after the
 * backoff, or fail (dead when its attempts ran out).
 */
final class JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
  private static final int MAX_STACK_CHARS = 8000;

  /** How long a handler past its timeout may ignore its interruption before the run is failed. */
  private static final long ABANDON_AFTER_MILLIS = 1000;

  private final String queue;
  private final String token;
  private final HandlerTable table;
  private final QueueDefaults defaults;
  private final QueueBackend backend;
  private final ObjectMapper mapper;
  private final OptionsCodec codec;
  private final BackoffCalculator backoff;
  private final ScheduledExecutorService timers;
  private final Clock clock;
  private final EventHub events;

  JobRunner(
      String queue,
      String token,
      HandlerTable table,
      QueueDefaults defaults,
      QueueBackend backend,
      ObjectMapper mapper,
      BackoffCalculator backoff,
      ScheduledExecutorService timers,
      Clock clock,
      EventHub events) {
    this.events = events;
    this.queue = queue;
    this.token = token;
    this.table = table;
    this.defaults = defaults;
    this.backend = backend;
    this.mapper = mapper;
    this.codec = new OptionsCodec(mapper);
    this.backoff = backoff;
    this.timers = timers;
    this.clock = clock;
  }

  /** Runs the job and hands its outcome to {@code outcome}, unless another path claimed it. */
  void run(RunningJob run, Consumer<Ack> outcome) {
    Ack ack = decide(run, outcome);
    if (run.claim()) {
      outcome.accept(ack);
    }
  }

  private Ack decide(RunningJob run, Consumer<Ack> outcome) {
    LeasedJob job = run.job;
    RunOptions options;
    try {
      options = codec.read(job.options(), defaults);
    } catch (Exception e) {
      log.warn("Job {} in queue '{}' has unreadable options; using the queue's", job.id(), queue);
      options = RunOptions.of(defaults);
    }
    JobHandler handler = table.find(job.name());
    if (handler == null) {
      return fail(
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
    Object payload;
    try {
      payload = mapper.readValue(job.payload(), handler.payloadType());
    } catch (Exception e) {
      return fail(
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
                  + e.getMessage(),
              ""),
          options);
    }
    if (options.timeout() != null) {
      scheduleTimeout(run, options, outcome);
    }
    run.started(Thread.currentThread());
    Object result;
    try {
      result =
          handler.invoke(
              payload,
              new DefaultJobContext(
                  run, queue, token, options.attempts(), backend, mapper, events));
    } catch (InvocationTargetException e) {
      run.finished();
      return failed(run, options, e.getCause());
    } catch (IllegalAccessException | RuntimeException e) {
      run.finished();
      return failed(run, options, e);
    } finally {
      Thread.interrupted();
    }
    run.finished();
    if (run.cancelled() == RunningJob.Cancel.TIMEOUT
        || run.cancelled() == RunningJob.Cancel.CANCELLED) {
      return failed(run, options, null);
    }
    return new Ack.Complete(job.id(), resultJson(job, result), options.removeOnComplete());
  }

  private void scheduleTimeout(RunningJob run, RunOptions options, Consumer<Ack> outcome) {
    long timeout = options.timeout().toMillis();
    run.timer(
        timers.schedule(
            () -> run.cancel(RunningJob.Cancel.TIMEOUT), timeout, TimeUnit.MILLISECONDS));
    // A handler that ignores its interruption must not hold the job forever.
    run.timer(
        timers.schedule(
            () -> {
              if (run.claim()) {
                log.warn(
                    "Job {} of queue '{}' ignored its interruption {} ms past its timeout; failing"
                        + " the run while its handler goes on",
                    run.id(),
                    queue,
                    ABANDON_AFTER_MILLIS);
                outcome.accept(failed(run, options, null));
              }
            },
            timeout + ABANDON_AFTER_MILLIS,
            TimeUnit.MILLISECONDS));
  }

  private Ack failed(RunningJob run, RunOptions options, Throwable error) {
    LeasedJob job = run.job;
    if (run.cancelled() == RunningJob.Cancel.CANCELLED) {
      return cancelled(job, options.removeOnFail(), queue);
    }
    JobFailure failure;
    if (run.cancelled() == RunningJob.Cancel.TIMEOUT) {
      failure =
          new JobFailure(
              "Timeout",
              "Job "
                  + job.id()
                  + " of queue '"
                  + queue
                  + "' ran past its timeout of "
                  + options.timeout().toMillis()
                  + " ms and was interrupted",
              error == null ? "" : stackTrace(error));
    } else {
      failure = describe(error);
    }
    if (error instanceof UnrecoverableJobException) {
      return fail(job, failure, options);
    }
    if (job.attempt() < options.attempts()) {
      Duration delay = backoff.delay(options.backoff(), job.attempt(), error, defaults.backoff());
      return new Ack.Retry(job.id(), clock.instant().plus(delay), failure);
    }
    return new Ack.Fail(job.id(), failure, true, options.removeOnFail());
  }

  /** The outcome of a run cancelled through the admin API: failed, without a retry. */
  static Ack cancelled(LeasedJob job, Retention retention, String queue) {
    return new Ack.Fail(
        job.id(),
        new JobFailure(
            "Cancelled",
            "Job " + job.id() + " of queue '" + queue + "' was cancelled while it ran",
            ""),
        false,
        retention);
  }

  private static Ack fail(LeasedJob job, JobFailure failure, RunOptions options) {
    return new Ack.Fail(job.id(), failure, false, options.removeOnFail());
  }

  private String resultJson(LeasedJob job, Object result) {
    if (result == null) {
      return null;
    }
    if (result instanceof Integer || result instanceof Long || result instanceof Boolean) {
      return result.toString();
    }
    try {
      return mapper.writeValueAsString(result);
    } catch (Exception e) {
      log.warn(
          "The result of job {} in queue '{}' cannot be written as JSON and is not kept: {}",
          job.id(),
          queue,
          e.getMessage());
      return null;
    }
  }

  static JobFailure describe(Throwable error) {
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
