package dev.errand.queue.internal;

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
import java.sql.Connection;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A backend that hands every call to another: the base of the queue layer's wrappers (sharding,
 * workflows), which override only what they change. Every method of the SPI is passed on here, the
 * defaults included, so a wrapper never answers with an SPI default in place of the backend it
 * wraps ({@code BackendDecoratorsTest} holds this class to every method).
 */
public abstract class ForwardingBackend implements QueueBackend {

  /** The backend the calls go to. */
  protected final QueueBackend next;

  protected ForwardingBackend(QueueBackend next) {
    this.next = next;
  }

  @Override
  public List<String> add(String queue, List<JobDraft> jobs) {
    return next.add(queue, jobs);
  }

  @Override
  public CompletableFuture<List<String>> addAsync(String queue, List<JobDraft> jobs) {
    return next.addAsync(queue, jobs);
  }

  @Override
  public List<String> add(Connection connection, String queue, List<JobDraft> jobs) {
    return next.add(connection, queue, jobs);
  }

  @Override
  public Fetched fetch(String queue, Lease lease, int max) {
    return next.fetch(queue, lease, max);
  }

  @Override
  public void awaitJobs(String queue, Duration timeout) throws InterruptedException {
    next.awaitJobs(queue, timeout);
  }

  @Override
  public Set<String> renew(String queue, String token, Collection<String> ids, Duration lease) {
    return next.renew(queue, token, ids, lease);
  }

  @Override
  public Set<String> acknowledge(String queue, String token, List<Ack> acks) {
    return next.acknowledge(queue, token, acks);
  }

  @Override
  public CompletableFuture<Fetched> acknowledgeAndFetch(
      String queue, Lease lease, List<Ack> acks, int max) {
    return next.acknowledgeAndFetch(queue, lease, acks, max);
  }

  @Override
  public boolean holdsBackAcknowledgement(List<Ack> acks) {
    return next.holdsBackAcknowledgement(acks);
  }

  @Override
  public boolean settleStepsOnAcknowledge(Consumer<SettledOnAcknowledge> settled) {
    return next.settleStepsOnAcknowledge(settled);
  }

  @Override
  public long drain(String queue, String idPrefix, Consumer<List<String>> drained) {
    return next.drain(queue, idPrefix, drained);
  }

  @Override
  public void release(String queue, String token, Collection<String> ids) {
    next.release(queue, token, ids);
  }

  @Override
  public void progress(String queue, String token, String id, String progressJson) {
    next.progress(queue, token, id, progressJson);
  }

  @Override
  public void log(String queue, String id, String line) {
    next.log(queue, id, line);
  }

  @Override
  public void rateLimits(String queue, RateLimit perQueue, RateLimit perGroup) {
    next.rateLimits(queue, perQueue, perGroup);
  }

  @Override
  public void concurrencyCaps(String queue, int maxRunning, int groupMaxRunning) {
    next.concurrencyCaps(queue, maxRunning, groupMaxRunning);
  }

  @Override
  public AutoCloseable subscribe(String queue, EventSink sink) {
    return next.subscribe(queue, sink);
  }

  @Override
  public boolean allowsSharding() {
    return next.allowsSharding();
  }

  @Override
  public AutoCloseable onCancel(String queue, Consumer<String> ids) {
    return next.onCancel(queue, ids);
  }

  @Override
  public QueueAdmin admin() {
    return next.admin();
  }

  @Override
  public WorkflowStore workflowStore() {
    return next.workflowStore();
  }

  @Override
  public CheckpointStore checkpoints() {
    return next.checkpoints();
  }

  @Override
  public void close() {
    next.close();
  }

  @Override
  public void heartbeat(WorkerProcess process, Duration lease) {
    next.heartbeat(process, lease);
  }

  @Override
  public void endHeartbeat(String processId) {
    next.endHeartbeat(processId);
  }

  @Override
  public void historyRetention(Duration retention) {
    next.historyRetention(retention);
  }
}
