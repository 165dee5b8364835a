package dev.errand.testing.internal;

import dev.errand.queue.JobContext;
import dev.errand.queue.JobInfo;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.QueueBackend;
import java.util.Map;

/**
 * What a handler run by {@code drain()} sees: the leased job, with progress and log lines written
 * to the backend as a worker's context writes them. A drained run is its job's last (a failure
 * stops the drain and fails the job), so {@link #maxAttempts()} is this attempt; nothing cancels
 * it. A snooze throws, as on a worker, and the drain puts the job back delayed.
 */
final class DrainJobContext implements JobContext {

  private final QueueBackend backend;
  private final String queue;
  private final String token;
  private final LeasedJob job;

  DrainJobContext(QueueBackend backend, String queue, String token, LeasedJob job) {
    this.backend = backend;
    this.queue = queue;
    this.token = token;
    this.job = job;
  }

  @Override
  public String id() {
    return job.id();
  }

  @Override
  public String name() {
    return job.name();
  }

  @Override
  public String queue() {
    return queue;
  }

  @Override
  public int attempt() {
    return job.attempt();
  }

  @Override
  public int maxAttempts() {
    return job.attempt();
  }

  /** Read from the stored job, as interceptors that check a tenant or trace read it. */
  @Override
  public Map<String, String> metadata() {
    return backend.admin().job(queue, job.id()).map(JobInfo::metadata).orElse(Map.of());
  }

  @Override
  public void progress(int percent) {
    backend.progress(queue, token, job.id(), Integer.toString(percent));
  }

  @Override
  public void progress(Object progress) {
    backend.progress(queue, token, job.id(), KitJson.write(progress));
  }

  @Override
  public void log(String line) {
    backend.log(queue, job.id(), line == null ? "null" : line);
  }

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public void onCancel(Runnable action) {
    // A drained run is never cancelled: it runs in the test's thread until it returns.
  }
}
