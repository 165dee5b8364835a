package dev.errand.queue.internal.memory;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueCounts;
import dev.errand.queue.RateLimit;
import dev.errand.queue.internal.FinishedStates;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.EventSink;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.QueueBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Jobs held in this process only: the embedded default, and what users' unit tests run on. Same
 * semantics as Redis; nothing survives a restart.
 */
public final class MemoryBackend implements QueueBackend {

  private final Clock clock;
  private final ConcurrentHashMap<String, MemoryQueue> queues = new ConcurrentHashMap<>();

  public MemoryBackend(Clock clock) {
    this.clock = clock;
  }

  private MemoryQueue queue(String name) {
    return queues.computeIfAbsent(name, n -> new MemoryQueue(n, clock));
  }

  @Override
  public List<String> add(String queue, List<JobDraft> jobs) {
    return queue(queue).add(jobs);
  }

  @Override
  public Fetched fetch(String queue, String token, int max, Duration lease, int maxStalled) {
    return queue(queue).fetch(token, max, lease, maxStalled);
  }

  @Override
  public void awaitJobs(String queue, Duration timeout) throws InterruptedException {
    queue(queue).awaitJobs(timeout);
  }

  @Override
  public Set<String> renew(String queue, String token, Collection<String> ids, Duration lease) {
    return queue(queue).renew(token, ids, lease);
  }

  @Override
  public Set<String> acknowledge(String queue, String token, List<Ack> acks) {
    return queue(queue).acknowledge(token, acks);
  }

  @Override
  public void release(String queue, String token, Collection<String> ids) {
    queue(queue).release(token, ids);
  }

  @Override
  public void progress(String queue, String token, String id, String progressJson) {
    queue(queue).progress(token, id, progressJson);
  }

  @Override
  public void log(String queue, String id, String line) {
    queue(queue).log(id, line);
  }

  @Override
  public QueueCounts counts(String queue) {
    return queue(queue).counts();
  }

  @Override
  public Optional<JobInfo> job(String queue, String id) {
    return queue(queue).job(id);
  }

  @Override
  public List<JobInfo> jobs(String queue, JobState state, int offset, int limit) {
    return queue(queue).jobs(state, offset, limit);
  }

  @Override
  public boolean retry(String queue, String id) {
    return queue(queue).retry(id);
  }

  @Override
  public long retryAll(String queue) {
    return queue(queue).retryAll();
  }

  @Override
  public boolean remove(String queue, String id) {
    return queue(queue).remove(id);
  }

  @Override
  public boolean promote(String queue, String id) {
    return queue(queue).promote(id);
  }

  @Override
  public long clean(String queue, JobState state, Duration olderThan) {
    return queue(queue).clean(FinishedStates.check(state), olderThan.toMillis(), -1);
  }

  @Override
  public long trim(String queue, JobState state, long keep) {
    return queue(queue).clean(FinishedStates.check(state), -1, Math.max(0, keep));
  }

  @Override
  public long drain(String queue) {
    return queue(queue).drain();
  }

  @Override
  public void pause(String queue) {
    queue(queue).paused(true);
  }

  @Override
  public void resume(String queue) {
    queue(queue).paused(false);
  }

  @Override
  public boolean cancel(String queue, String id) {
    return queue(queue).cancel(id);
  }

  @Override
  public void rateLimits(String queue, RateLimit perQueue, RateLimit perGroup) {
    queue(queue).rateLimits(perQueue, perGroup);
  }

  @Override
  public AutoCloseable subscribe(String queue, EventSink sink) {
    return queue(queue).signals().subscribe(sink);
  }

  @Override
  public AutoCloseable onCancel(String queue, Consumer<String> ids) {
    return queue(queue).signals().onCancel(ids);
  }
}
