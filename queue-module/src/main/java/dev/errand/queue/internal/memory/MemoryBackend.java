package dev.errand.queue.internal.memory;

import dev.errand.queue.QueueAdmin;
import dev.errand.queue.RateLimit;
import dev.errand.queue.WorkerProcess;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.CheckpointStore;
import dev.errand.queue.spi.EventSink;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.SettledOnAcknowledge;
import dev.errand.queue.spi.WorkflowStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
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
  private final MemoryHistory history;
  private final MemoryProcesses processes;
  private final MemoryAdmin admin;
  private final MemoryWorkflowStore workflows;
  private final MemoryCheckpoints checkpoints;
  private final MemoryStepSettles stepSettles;

  public MemoryBackend(Clock clock) {
    this.clock = clock;
    this.checkpoints = new MemoryCheckpoints(clock);
    this.workflows = new MemoryWorkflowStore(clock);
    this.history = new MemoryHistory(clock);
    this.processes = new MemoryProcesses(clock);
    this.admin = new MemoryAdmin(this::queue, queues::values, history, processes);
    this.stepSettles = new MemoryStepSettles(workflows, this::queue, clock);
  }

  @Override
  public CheckpointStore checkpoints() {
    return checkpoints;
  }

  private MemoryQueue queue(String name) {
    return queues.computeIfAbsent(name, n -> new MemoryQueue(n, clock));
  }

  @Override
  public List<String> add(String queue, List<JobDraft> jobs) {
    return queue(queue).add(jobs);
  }

  @Override
  public Fetched fetch(String queue, Lease lease, int max) {
    return queue(queue).fetch(lease, max);
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
    Set<String> refused = queue(queue).acknowledge(token, acks);
    history.record(queue, acks, refused);
    stepSettles.settle(queue, acks, refused);
    return refused;
  }

  /**
   * Yes: steps' outcomes are settled as their jobs are acknowledged ({@link MemoryStepSettles}).
   */
  @Override
  public boolean settleStepsOnAcknowledge(Consumer<SettledOnAcknowledge> settled) {
    return stepSettles.offer(settled);
  }

  @Override
  public void heartbeat(WorkerProcess process, Duration lease) {
    processes.beat(process, lease);
  }

  @Override
  public void endHeartbeat(String processId) {
    processes.end(processId);
  }

  @Override
  public void historyRetention(Duration retention) {
    history.retention(retention);
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
  public void rateLimits(String queue, RateLimit perQueue, RateLimit perGroup) {
    queue(queue).rateLimits(perQueue, perGroup);
  }

  @Override
  public void concurrencyCaps(String queue, int maxRunning, int groupMaxRunning) {
    queue(queue).concurrencyCaps(maxRunning, groupMaxRunning);
  }

  @Override
  public AutoCloseable subscribe(String queue, EventSink sink) {
    return queue(queue).signals.subscribe(sink);
  }

  @Override
  public AutoCloseable onCancel(String queue, Consumer<String> ids) {
    return queue(queue).signals.onCancel(ids);
  }

  @Override
  public long drain(String queue, String idPrefix, Consumer<List<String>> drained) {
    return admin.drain(queue, idPrefix, drained);
  }

  @Override
  public QueueAdmin admin() {
    return admin;
  }

  @Override
  public WorkflowStore workflowStore() {
    return workflows;
  }
}
