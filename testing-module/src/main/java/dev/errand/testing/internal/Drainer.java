package dev.errand.testing.internal;

import dev.errand.queue.JobFailure;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.Retention;
import dev.errand.queue.SnoozeJobException;
import dev.errand.queue.UnrecoverableJobException;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.QueueBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs due jobs one at a time in the calling thread, as a worker would: leased from the backend,
 * handled by the application's own handler, acknowledged. Queues take turns, one job each, in the
 * order they first got a job, until a whole round finds nothing due; jobs the handlers add run in
 * later rounds. The application's interceptors run around each handler, as on a worker. A snoozed
 * job goes back delayed on the test's clock, as a worker puts it back. The first failure fails its
 * job for good and is rethrown as the handler threw it.
 */
public final class Drainer {

  private static final String TOKEN = "errand-testing-drain";

  // Long enough that no clock a test moves ends it while a handler runs.
  private static final Lease LEASE = new Lease(TOKEN, Duration.ofDays(36_500), 1);

  private final KitBackend kit;
  private final QueueBackend backend;
  private final QueueAdapter handlers;
  private final Clock clock;
  private final int limit;

  /** Leases from the kit's memory backend, which hands its workers nothing while tests drain. */
  public Drainer(KitBackend kit, QueueAdapter handlers, Clock clock, int limit) {
    this.kit = kit;
    this.backend = kit.memory();
    this.handlers = handlers;
    this.clock = clock;
    this.limit = limit;
  }

  /**
   * Runs every due job of the queues {@code queues} gives, asked again each round, until none is
   * left.
   *
   * @return how many jobs ran
   * @throws AssertionError when {@code limit} jobs ran and more are still due
   */
  public int drain(Supplier<List<String>> queues) {
    Map<String, Integer> ran = new LinkedHashMap<>();
    int total = 0;
    boolean any = true;
    while (any) {
      any = false;
      for (String queue : queues.get()) {
        LeasedJob job = next(queue);
        if (job == null) {
          continue;
        }
        if (total == limit) {
          backend.release(queue, TOKEN, List.of(job.id()));
          throw endless(ran);
        }
        run(queue, job);
        ran.merge(queue + "/" + job.name(), 1, Integer::sum);
        total++;
        any = true;
      }
    }
    return total;
  }

  private LeasedJob next(String queue) {
    Fetched fetched = backend.fetch(queue, LEASE, 1);
    return fetched.jobs().isEmpty() ? null : fetched.jobs().getFirst();
  }

  private void run(String queue, LeasedJob job) {
    Object result;
    try {
      result =
          handlers.runHandler(
              queue, job.name(), job.payload(), new DrainJobContext(backend, queue, TOKEN, job));
    } catch (SnoozeJobException snooze) {
      // Not a failure: the job waits, as on a worker, until advance() passes its time.
      kit.acknowledge(
          queue, TOKEN, List.of(new Ack.Snooze(job.id(), clock.instant().plus(snooze.delay()))));
      return;
    } catch (Exception | Error e) {
      backend.acknowledge(queue, TOKEN, List.of(failed(job, e)));
      // Context for the report, without wrapping what the test may assert on.
      e.addSuppressed(
          new DrainedJobFailed(
              "drain(): job " + job.id() + " ('" + job.name() + "', queue '" + queue + "')"));
      throw Rethrow.<RuntimeException>as(e);
    }
    backend.acknowledge(
        queue,
        TOKEN,
        List.of(new Ack.Complete(job.id(), KitJson.writeOrNull(result), Retention.keepAll())));
  }

  /** Failed for good, kept whatever the retention: the test looks at it next. */
  private static Ack failed(LeasedJob job, Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    JobFailure failure =
        new JobFailure(
            error.getClass().getName(), String.valueOf(error.getMessage()), trace.toString());
    return new Ack.Fail(
        job.id(), failure, !(error instanceof UnrecoverableJobException), Retention.keepAll());
  }

  private AssertionError endless(Map<String, Integer> ran) {
    String tally =
        ran.entrySet().stream()
            .map(e -> e.getKey() + " x" + e.getValue())
            .collect(Collectors.joining(", "));
    return new AssertionError(
        "drain() ran "
            + limit
            + " jobs and more are still due, so it stopped: do jobs enqueue jobs without end?"
            + " Ran: "
            + tally
            + ". A job that enqueues itself needs a condition to stop, or a delay (delayed jobs"
            + " wait for advance()); a long but finite chain can raise the limit with"
            + " ErrandExtension.builder().drainLimit(n).");
  }

  /** Names the drained job in a failing handler's report, as a suppressed exception. */
  static final class DrainedJobFailed extends RuntimeException {
    DrainedJobFailed(String message) {
      super(message, null, false, false);
    }
  }
}
