package dev.errand.queue.internal;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueCounts;
import dev.errand.queue.QueueMetrics;
import dev.errand.queue.spi.QueueBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The backend's admin view, plus the figures of this process's workers. */
public final class DefaultQueueAdmin implements QueueAdmin {

  private final QueueBackend backend;
  private final Map<String, QueueMetricsRecorder> metrics;

  public DefaultQueueAdmin(QueueBackend backend, Map<String, QueueMetricsRecorder> metrics) {
    this.backend = backend;
    this.metrics = metrics;
  }

  @Override
  public QueueCounts counts(String queue) {
    return backend.counts(queue);
  }

  @Override
  public Optional<JobInfo> job(String queue, String id) {
    return backend.job(queue, id);
  }

  @Override
  public List<JobInfo> jobs(String queue, JobState state, int offset, int limit) {
    return backend.jobs(queue, state, offset, limit);
  }

  @Override
  public boolean retry(String queue, String id) {
    return backend.retry(queue, id);
  }

  @Override
  public long retryAll(String queue) {
    return backend.retryAll(queue);
  }

  @Override
  public boolean remove(String queue, String id) {
    return backend.remove(queue, id);
  }

  @Override
  public boolean promote(String queue, String id) {
    return backend.promote(queue, id);
  }

  @Override
  public long clean(String queue, JobState state, Duration olderThan) {
    return backend.clean(queue, state, olderThan);
  }

  @Override
  public long trim(String queue, JobState state, long keep) {
    return backend.trim(queue, state, keep);
  }

  @Override
  public long drain(String queue) {
    return backend.drain(queue);
  }

  @Override
  public void pause(String queue) {
    backend.pause(queue);
  }

  @Override
  public void resume(String queue) {
    backend.resume(queue);
  }

  @Override
  public boolean cancel(String queue, String id) {
    return backend.cancel(queue, id);
  }

  @Override
  public QueueMetrics metrics(String queue) {
    QueueMetricsRecorder recorder = metrics.get(queue);
    return recorder == null ? QueueMetrics.none(queue) : recorder.snapshot();
  }
}
