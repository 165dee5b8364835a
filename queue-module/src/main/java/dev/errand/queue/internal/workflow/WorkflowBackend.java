package dev.errand.queue.internal.workflow;

import dev.errand.queue.JobFailure;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.RateLimit;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.CheckpointStore;
import dev.errand.queue.spi.EventSink;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.WorkflowStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend as workers see it once workflows exist: before a workflow step's outcome is
 * acknowledged, the workflow records it and releases what waited for it, so a crash in between
 * leaves the job unacknowledged and its next run settles again. Every other call passes straight
 * through; a batch without a step's job costs one prefix test per outcome.
 */
public final class WorkflowBackend implements QueueBackend {

  private static final Logger log = LoggerFactory.getLogger(WorkflowBackend.class);

  /** How long a step whose bookkeeping failed waits before it runs again to settle. */
  private static final Duration SETTLE_RETRY = Duration.ofSeconds(1);

  private final QueueBackend queues;
  private final WorkflowStore store;
  private final CheckpointStore checkpoints;
  private final Clock clock;

  /**
   * @param queues the backend jobs are stored in, sharding included
   * @param stored the same backend unwrapped, whose workflow and checkpoint stores are used
   */
  public WorkflowBackend(QueueBackend queues, QueueBackend stored, Clock clock) {
    this.queues = queues;
    this.store = optional(stored::workflowStore);
    this.checkpoints = optional(stored::checkpoints);
    this.clock = clock;
  }

  /** What {@code part} gives, or null when the backend has no such part. */
  private static <T> T optional(Supplier<T> part) {
    try {
      return part.get();
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }

  /**
   * Records the workflow outcomes among {@code acks}, one store call per workflow (a fan-in's
   * finished steps settle together), the workflows side by side; an outcome that could not be
   * recorded is turned into a retry, so the job runs again and settles then.
   */
  private List<Ack> settle(String queue, List<Ack> acks) {
    if (store == null) {
      return acks;
    }
    Map<String, Map<String, StepOutcome>> byWorkflow = null;
    for (Ack ack : acks) {
      if (!WorkflowJobIds.isStep(ack.id()) || ack instanceof Ack.Retry) {
        continue;
      }
      if (byWorkflow == null) {
        byWorkflow = new LinkedHashMap<>();
      }
      byWorkflow
          .computeIfAbsent(WorkflowJobIds.workflow(ack.id()), w -> new LinkedHashMap<>())
          .put(WorkflowJobIds.step(ack.id()), outcome(ack));
    }
    if (byWorkflow == null) {
      return acks;
    }
    Set<String> unsettled = settleAll(queue, byWorkflow);
    if (unsettled.isEmpty()) {
      return acks;
    }
    List<Ack> sent = new ArrayList<>(acks.size());
    for (Ack ack : acks) {
      boolean failed =
          WorkflowJobIds.isStep(ack.id())
              && !(ack instanceof Ack.Retry)
              && unsettled.contains(WorkflowJobIds.workflow(ack.id()));
      sent.add(failed ? settleLater(ack) : ack);
    }
    return sent;
  }

  /** Settles each workflow, side by side when there are several; returns those that failed. */
  private Set<String> settleAll(String queue, Map<String, Map<String, StepOutcome>> byWorkflow) {
    Set<String> unsettled = ConcurrentHashMap.newKeySet();
    WorkflowDriver driver = new WorkflowDriver(queues, store);
    if (byWorkflow.size() == 1) {
      byWorkflow.forEach((w, outcomes) -> settleOne(queue, driver, w, outcomes, unsettled));
      return unsettled;
    }
    List<Thread> threads = new ArrayList<>();
    byWorkflow.forEach(
        (w, outcomes) ->
            threads.add(
                Thread.ofVirtual().start(() -> settleOne(queue, driver, w, outcomes, unsettled))));
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unsettled.addAll(byWorkflow.keySet());
      }
    }
    return unsettled;
  }

  private static void settleOne(
      String queue,
      WorkflowDriver driver,
      String workflowId,
      Map<String, StepOutcome> outcomes,
      Set<String> unsettled) {
    try {
      driver.settle(workflowId, outcomes);
    } catch (RuntimeException e) {
      unsettled.add(workflowId);
      log.warn(
          "Steps {} of workflow {} (queue '{}') finished, but the workflow could not record it"
              + " ({}); they run again in {} ms to settle",
          outcomes.keySet(),
          workflowId,
          queue,
          e.toString(),
          SETTLE_RETRY.toMillis());
    }
  }

  private static StepOutcome outcome(Ack ack) {
    return switch (ack) {
      case Ack.Complete c -> new StepOutcome.Completed(c.result());
      case Ack.Fail f -> new StepOutcome.Failed(reason(f.failure()));
      case Ack.Retry r -> throw new IllegalArgumentException("a retry is no outcome: " + r.id());
    };
  }

  private Ack settleLater(Ack ack) {
    return new Ack.Retry(
        ack.id(),
        clock.instant().plus(SETTLE_RETRY),
        new JobFailure("WorkflowUnreachable", "its workflow could not record how it finished", ""));
  }

  private static String reason(JobFailure failure) {
    return failure.exceptionClass() + ": " + failure.message();
  }

  @Override
  public Set<String> acknowledge(String queue, String token, List<Ack> acks) {
    return queues.acknowledge(queue, token, settle(queue, acks));
  }

  @Override
  public CompletableFuture<Fetched> acknowledgeAndFetch(
      String queue, Lease lease, List<Ack> acks, int max) {
    return queues.acknowledgeAndFetch(queue, lease, settle(queue, acks), max);
  }

  @Override
  public WorkflowStore workflowStore() {
    if (store == null) {
      throw new UnsupportedOperationException(
          "The queue backend keeps no workflows (QueueBackend#workflowStore): use the memory or"
              + " redis backend, or give yours a WorkflowStore");
    }
    return store;
  }

  @Override
  public CheckpointStore checkpoints() {
    if (checkpoints == null) {
      throw new UnsupportedOperationException("The queue backend keeps no step checkpoints");
    }
    return checkpoints;
  }

  @Override
  public List<String> add(String queue, List<JobDraft> jobs) {
    return queues.add(queue, jobs);
  }

  @Override
  public CompletableFuture<List<String>> addAsync(String queue, List<JobDraft> jobs) {
    return queues.addAsync(queue, jobs);
  }

  @Override
  public Fetched fetch(String queue, Lease lease, int max) {
    return queues.fetch(queue, lease, max);
  }

  @Override
  public void awaitJobs(String queue, Duration timeout) throws InterruptedException {
    queues.awaitJobs(queue, timeout);
  }

  @Override
  public Set<String> renew(String queue, String token, Collection<String> ids, Duration lease) {
    return queues.renew(queue, token, ids, lease);
  }

  @Override
  public void release(String queue, String token, Collection<String> ids) {
    queues.release(queue, token, ids);
  }

  @Override
  public void progress(String queue, String token, String id, String progressJson) {
    queues.progress(queue, token, id, progressJson);
  }

  @Override
  public void log(String queue, String id, String line) {
    queues.log(queue, id, line);
  }

  @Override
  public void rateLimits(String queue, RateLimit perQueue, RateLimit perGroup) {
    queues.rateLimits(queue, perQueue, perGroup);
  }

  @Override
  public AutoCloseable subscribe(String queue, EventSink sink) {
    return queues.subscribe(queue, sink);
  }

  @Override
  public boolean allowsSharding() {
    return queues.allowsSharding();
  }

  @Override
  public AutoCloseable onCancel(String queue, Consumer<String> ids) {
    return queues.onCancel(queue, ids);
  }

  @Override
  public QueueAdmin admin() {
    return queues.admin();
  }

  @Override
  public void close() {
    queues.close();
  }
}
