package dev.errand.queue.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.queue.QueueDefaults;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.LeasedJob;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one leased job through its handler and says how it went: returned, threw, ran past its
 * timeout, or could not start. {@link Outcomes} turns that into the outcome.
 */
final class JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  /** How long a handler past its timeout may ignore its interruption before the run is failed. */
  private static final long ABANDON_AFTER_MILLIS = 1000;

  private final WorkerContext context;
  private final String queue;
  private final QueueDefaults defaults;
  private final String token;
  private final ObjectMapper mapper;
  private final OptionsCodec codec;
  private final QueueTimers timers;
  private final Outcomes outcomes;
  private final EventHub events;
  private final Interceptors interceptors;

  JobRunner(WorkerContext context, String token, Outcomes outcomes) {
    this.context = context;
    this.queue = context.queue();
    this.defaults = context.config().defaults();
    this.token = token;
    this.mapper = context.mapper();
    this.codec = new OptionsCodec(mapper);
    this.timers = context.timers();
    this.outcomes = outcomes;
    this.events = context.events();
    this.interceptors = context.interceptors();
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
    run.maxAttempts = options.attempts();
    JobHandler handler = context.table().find(job.name());
    if (handler == null) {
      return outcomes.noHandler(job, options);
    }
    Object payload;
    try {
      payload = mapper.readValue(job.payload(), handler.payloadType());
    } catch (Exception e) {
      return outcomes.payloadMismatch(job, handler, e, options);
    }
    if (options.timeout() != null) {
      scheduleTimeout(run, options, outcome);
    }
    run.started(Thread.currentThread());
    Object result;
    DefaultJobContext jobContext =
        new DefaultJobContext(run, queue, token, options, context.backend(), mapper, events);
    try {
      result =
          interceptors.isEmpty()
              ? handler.invoke(payload, jobContext)
              : interceptors.around(
                  jobContext, () -> handler.invoke(payload, jobContext), () -> endedBy(run));
    } catch (InvocationTargetException e) {
      run.finished();
      return outcomes.failed(run, options, e.getCause());
    } catch (IllegalAccessException | RuntimeException e) {
      run.finished();
      return outcomes.failed(run, options, e);
    } finally {
      Thread.interrupted();
    }
    run.finished();
    if (run.cancelled() == RunningJob.Cancel.TIMEOUT
        || run.cancelled() == RunningJob.Cancel.CANCELLED) {
      return outcomes.failed(run, options, null);
    }
    return outcomes.completed(job, resultJson(job, result), options);
  }

  /** Why the run was ended while its handler went on, or null when it was not. */
  private Throwable endedBy(RunningJob run) {
    if (run.cancelled() == RunningJob.Cancel.TIMEOUT) {
      return new TimeoutException(
          "Job " + run.id() + " of queue '" + queue + "' ran past its timeout");
    }
    if (run.cancelled() == RunningJob.Cancel.CANCELLED) {
      return new CancellationException(
          "Job " + run.id() + " of queue '" + queue + "' was cancelled while it ran");
    }
    return null;
  }

  private void scheduleTimeout(RunningJob run, RunOptions options, Consumer<Ack> outcome) {
    long timeout = options.timeout().toMillis();
    run.timer(timers.schedule(() -> run.cancel(RunningJob.Cancel.TIMEOUT), timeout));
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
                outcome.accept(outcomes.failed(run, options, null));
              }
            },
            timeout + ABANDON_AFTER_MILLIS));
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
}
