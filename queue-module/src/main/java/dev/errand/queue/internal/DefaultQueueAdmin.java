package dev.errand.queue.internal;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobSearch;
import dev.errand.queue.JobState;
import dev.errand.queue.MinuteStats;
import dev.errand.queue.OutboxMetrics;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueCounts;
import dev.errand.queue.QueueMetrics;
import dev.errand.queue.WorkerProcess;
import dev.errand.queue.spi.QueueBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The backend's {@link QueueBackend#admin() admin}, plus what the backend cannot know: the figures
 * of this process's workers and outbox relay, and who must hear of a job removed or drained by hand
 * (a workflow waiting for it).
 */
public final class DefaultQueueAdmin implements QueueAdmin {

  private final QueueAdmin stored;
  private final Map<String, QueueMetricsRecorder> metrics;
  private final BiConsumer<String, String> removed;
  private final ToLongFunction<String> drain;
  private final Supplier<Optional<OutboxMetrics>> outbox;

  /**
   * @param removed told the queue and id of each job {@link #remove} deleted
   * @param drain drains a queue, telling whoever must hear of the jobs it deletes
   * @param outbox the outbox relay's figures, empty when the outbox is off
   */
  public DefaultQueueAdmin(
      QueueAdmin backend,
      Map<String, QueueMetricsRecorder> metrics,
      BiConsumer<String, String> removed,
      ToLongFunction<String> drain,
      Supplier<Optional<OutboxMetrics>> outbox) {
    this.stored = backend;
    this.metrics = metrics;
    this.removed = removed;
    this.drain = drain;
    this.outbox = outbox;
  }

  @Override
  public QueueCounts counts(String queue) {
    return stored.counts(queue);
  }

  @Override
  public List<String> queues() {
    return stored.queues();
  }

  @Override
  public Optional<JobInfo> job(String queue, String id) {
    return stored.job(queue, id);
  }

  @Override
  public List<JobInfo> jobs(String queue, JobState state, int offset, int limit) {
    return stored.jobs(queue, state, offset, limit);
  }

  @Override
  public boolean retry(String queue, String id) {
    return stored.retry(queue, id);
  }

  @Override
  public long retryAll(String queue) {
    return stored.retryAll(queue);
  }

  @Override
  public boolean remove(String queue, String id) {
    boolean done = stored.remove(queue, id);
    if (done) {
      removed.accept(queue, id);
    }
    return done;
  }

  @Override
  public boolean promote(String queue, String id) {
    return stored.promote(queue, id);
  }

  @Override
  public long clean(String queue, JobState state, Duration olderThan) {
    return stored.clean(queue, state, olderThan);
  }

  @Override
  public long trim(String queue, JobState state, long keep) {
    return stored.trim(queue, state, keep);
  }

  @Override
  public long drain(String queue) {
    return drain.applyAsLong(queue);
  }

  @Override
  public void pause(String queue) {
    stored.pause(queue);
  }

  @Override
  public void resume(String queue) {
    stored.resume(queue);
  }

  @Override
  public boolean cancel(String queue, String id) {
    return stored.cancel(queue, id);
  }

  @Override
  public QueueMetrics metrics(String queue) {
    QueueMetricsRecorder recorder = metrics.get(queue);
    return recorder == null ? QueueMetrics.none(queue) : recorder.snapshot();
  }

  @Override
  public Optional<OutboxMetrics> outboxMetrics() {
    return outbox.get();
  }

  @Override
  public List<MinuteStats> history(String queue, Instant from, Instant to) {
    return stored.history(queue, from, to);
  }

  @Override
  public List<WorkerProcess> processes() {
    return stored.processes();
  }

  @Override
  public JobSearch search(String queue, String text, JobState state, int limit) {
    return stored.search(queue, text, state, limit);
  }
}
