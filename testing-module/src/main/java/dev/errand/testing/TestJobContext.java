package dev.errand.testing;

import dev.errand.queue.JobContext;
import dev.errand.queue.JobType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link JobContext} for calling a handler directly: it records the progress and log lines the
 * handler reports, and the test can cancel it.
 *
 * <pre>{@code
 * TestJobContext job = TestJobContext.of(Jobs.EXPORT).attempt(2, 3);
 * processor.export(new ExportRequest(500), job);
 * assertThat(job.logs()).contains("exporting 500 rows");
 * assertThat(job.lastProgress()).contains(100);
 * }</pre>
 *
 * <p>Defaults: id {@code test-job}, attempt 1 of 1, not cancelled. It is thread-safe, for handlers
 * that report from threads of their own.
 */
public final class TestJobContext implements JobContext {

  private final String queue;
  private final String name;
  private volatile String id = "test-job";
  private volatile int attempt = 1;
  private volatile int maxAttempts = 1;
  private final List<Object> progress = new CopyOnWriteArrayList<>();
  private final List<String> logs = new CopyOnWriteArrayList<>();
  private final List<Runnable> onCancel = new ArrayList<>();
  private boolean cancelled;

  private TestJobContext(String queue, String name) {
    this.queue = Objects.requireNonNull(queue, "queue");
    this.name = Objects.requireNonNull(name, "name");
  }

  /** A context for a job of {@code type}. */
  public static TestJobContext of(JobType<?> type) {
    return new TestJobContext(type.queue(), type.name());
  }

  /** A context for job {@code name} of {@code queue}. */
  public static TestJobContext of(String queue, String name) {
    return new TestJobContext(queue, name);
  }

  /** Sets the job id the handler sees. */
  public TestJobContext id(String value) {
    this.id = Objects.requireNonNull(value, "id");
    return this;
  }

  /** Makes this run attempt {@code attempt} of {@code maxAttempts}, such as a retry or the last. */
  public TestJobContext attempt(int attempt, int maxAttempts) {
    if (attempt < 1 || maxAttempts < attempt) {
      throw new IllegalArgumentException(
          "Need 1 <= attempt <= maxAttempts, got attempt " + attempt + " of " + maxAttempts);
    }
    this.attempt = attempt;
    this.maxAttempts = maxAttempts;
    return this;
  }

  /**
   * Cancels the run, as a timeout or {@code QueueAdmin.cancel} would: {@link #isCancelled()} turns
   * true and the actions given to {@link #onCancel} run, once, in the calling thread.
   */
  public void cancel() {
    List<Runnable> actions;
    synchronized (onCancel) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      actions = List.copyOf(onCancel);
      onCancel.clear();
    }
    actions.forEach(Runnable::run);
  }

  /** Every progress value reported, oldest first; a percentage is an {@link Integer}. */
  public List<Object> progressReported() {
    return Collections.unmodifiableList(new ArrayList<>(progress)); // null is a value too
  }

  /** The last progress value reported, if any (empty also when it was null). */
  public Optional<Object> lastProgress() {
    List<Object> all = progressReported();
    return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.getLast());
  }

  /** The lines the handler logged, oldest first. */
  public List<String> logs() {
    return List.copyOf(logs);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String queue() {
    return queue;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public int maxAttempts() {
    return maxAttempts;
  }

  @Override
  public void progress(int percent) {
    progress.add(percent);
  }

  @Override
  public void progress(Object value) {
    progress.add(value);
  }

  @Override
  public void log(String line) {
    logs.add(String.valueOf(line));
  }

  @Override
  public boolean isCancelled() {
    synchronized (onCancel) {
      return cancelled;
    }
  }

  @Override
  public void onCancel(Runnable action) {
    Objects.requireNonNull(action, "action");
    synchronized (onCancel) {
      if (!cancelled) {
        onCancel.add(action);
        return;
      }
    }
    action.run();
  }
}
