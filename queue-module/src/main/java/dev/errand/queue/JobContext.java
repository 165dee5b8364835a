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
