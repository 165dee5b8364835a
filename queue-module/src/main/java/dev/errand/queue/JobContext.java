package dev.errand.queue;

import java.time.Duration;
import java.util.Map;

/**
 * What a handler may know and do about the job it runs. Declare it as the handler's second
 * parameter:
 *
 * <pre>{@code
 * @Process("export")
 * void export(ExportRequest request, JobContext job) {
 *   job.log("exporting " + request.rows() + " rows");
 *   for (...) {
 *     if (job.isCancelled()) return;
 *     job.progress(percent);
 *   }
 * }
 * }</pre>
 */
public interface JobContext {

  String id();

  String name();

  String queue();

  /** This run's number, from 1: 2 on the first retry. */
  int attempt();

  /** The attempts the job has in all. */
  int maxAttempts();

  /**
   * What the job carries in {@link JobOptions#metadata()}: a tenant, a request id, trace context;
   * empty when it carries none.
   */
  default Map<String, String> metadata() {
    return Map.of();
  }

  /** Records progress as a percentage. */
  void progress(int percent);

  /** Records progress as any value Jackson can write. */
  void progress(Object progress);

  /** Appends a line to the job's log. */
  void log(String line);

  /**
   * Whether the run should stop: its timeout passed, the worker is shutting down past its grace
   * period, or the worker lost the job's lease. The handler's thread is interrupted too.
   */
  boolean isCancelled();

  /** Runs {@code action} once when the run is cancelled (at once if it already is). */
  void onCancel(Runnable action);

  /**
   * The steps this job depends on, with their results, when it is a step of a {@link Workflow};
   * {@link Dependencies#none()} otherwise. Read lazily: a job that does not ask pays nothing.
   */
  default Dependencies dependencies() {
    return Dependencies.none();
  }

  /**
   * Runs a step of a long job once: its result is stored when it finishes, and when the job runs
   * again (a retry, or after its worker died) the step returns the stored result instead of
   * running. Steps are told apart by {@code name}, unique within the job.
   *
   * <pre>{@code
   * Charge charge = job.step("charge-card", Charge.class, () -> payments.charge(order));
   * job.step("send-receipt", () -> mailer.send(receipt(charge)));
   * }</pre>
   *
   * <p>Without a store (a custom backend without one, the testing kit) the step just runs.
   *
   * @throws Exception what the step threw; nothing is stored then
   */
  default <R> R step(String name, Class<R> type, Checkpoint<R> step) throws Exception {
    return step.run();
  }

  /** Runs a step that returns nothing once, as {@link #step(String, Class, Checkpoint)}. */
  default void step(String name, CheckpointAction step) throws Exception {
    step(
        name,
        Void.class,
        () -> {
          step.run();
          return null;
        });
  }

  /** A step that returns a result, for {@link #step(String, Class, Checkpoint)}. */
  @FunctionalInterface
  interface Checkpoint<R> {
    R run() throws Exception;
  }

  /** A step that returns nothing, for {@link #step(String, CheckpointAction)}. */
  @FunctionalInterface
  interface CheckpointAction {
    void run() throws Exception;
  }

  /**
   * Ends this run and puts the job back, delayed by {@code delay}, without counting the run as an
   * attempt or a failure; the next run has the same attempt number. It always throws a {@link
   * SnoozeJobException}, which the worker turns into the snooze: let it propagate.
   *
   * <pre>{@code
   * if (!export.isReady()) {
   *   job.snooze(Duration.ofSeconds(30));
   * }
   * }</pre>
   */
  default void snooze(Duration delay) {
    throw new SnoozeJobException(delay);
  }
}
