package dev.errand.queue.internal.shard;

import dev.errand.queue.QueueAdmin;
import dev.errand.queue.RateLimit;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.CheckpointStore;
import dev.errand.queue.spi.EventSink;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.WorkflowStore;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A backend as producers, admins and listeners see it when some queues are sharded: an add to a
 * sharded queue goes to the shard its job id picks (an id is made for a job added without one),
 * events of every shard are heard under the queue's own name, and {@link #admin()} adds the shards
 * up. Workers call it with the shards' own names, which pass straight through, as does everything
 * about queues that are not sharded.
 */
public final class ShardedBackend implements QueueBackend {

  private final QueueBackend stored;
  private final QueueShards shards;
  private final QueueAdmin admin;

  public ShardedBackend(QueueBackend stored, QueueShards shards) {
    this.stored = stored;
    this.shards = shards;
    this.admin = new ShardedAdmin(stored.admin(), shards);
  }

  @Override
  public List<String> add(String queue, List<JobDraft> jobs) {
    if (!shards.isSharded(queue)) {
      return stored.add(queue, jobs);
    }
    try {
      return addAsync(queue, jobs).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * In the caller's transaction; each job goes to the shard its id picks, in the caller's order.
   */
  @Override
  public List<String> add(Connection connection, String queue, List<JobDraft> jobs) {
    if (!shards.isSharded(queue)) {
      return stored.add(connection, queue, jobs);
    }
    List<String> ids = new ArrayList<>();
    for (JobDraft job : jobs) {
      JobDraft draft = withId(job);
      ids.addAll(stored.add(connection, shards.physicalFor(queue, draft.jobId()), List.of(draft)));
    }
    return ids;
  }

  @Override
  public CompletableFuture<List<String>> addAsync(String queue, List<JobDraft> jobs) {
    if (!shards.isSharded(queue)) {
      return stored.addAsync(queue, jobs);
    }
    // Each shard gets its jobs in the caller's order, in one call; the ids come back in order.
    Map<String, List<Integer>> positions = new LinkedHashMap<>();
    Map<String, List<JobDraft>> drafts = new LinkedHashMap<>();
    for (int i = 0; i < jobs.size(); i++) {
      if (jobs.get(i).deduplication() != null) {
        // A key's duplicates would land on different shards, each with its own keys.
        throw new IllegalArgumentException(
            "Job '"
                + jobs.get(i).name()
                + "' deduplicates by key, but queue '"
                + queue
                + "' is spread over "
                + shards.count(queue)
                + " shards, which do not share keys:"
                + " add it without deduplicate, or keep the queue in one shard");
      }
      JobDraft draft = withId(jobs.get(i));
      String shard = shards.physicalFor(queue, draft.jobId());
      positions.computeIfAbsent(shard, s -> new ArrayList<>()).add(i);
      drafts.computeIfAbsent(shard, s -> new ArrayList<>()).add(draft);
    }
    String[] ids = new String[jobs.size()];
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    drafts.forEach(
        (shard, list) ->
            calls.add(
                stored
                    .addAsync(shard, list)
                    .thenAccept(
                        added -> {
                          List<Integer> at = positions.get(shard);
                          for (int k = 0; k < at.size(); k++) {
                            ids[at.get(k)] = added.get(k);
                          }
                        })));
    return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
        .thenApply(done -> List.of(ids));
  }

  private static JobDraft withId(JobDraft draft) {
    if (draft.jobId() != null) {
      return draft;
    }
    return new JobDraft(
        draft.name(),
        draft.payload(),
        draft.options(),
        QueueShards.newId(),
        draft.priority(),
        draft.runAt(),
        draft.group());
  }

  @Override
  public Fetched fetch(String queue, Lease lease, int max) {
    return stored.fetch(queue, lease, max);
  }

  @Override
  public void awaitJobs(String queue, Duration timeout) throws InterruptedException {
    stored.awaitJobs(queue, timeout);
  }

  @Override
  public Set<String> renew(String queue, String token, Collection<String> ids, Duration lease) {
    return stored.renew(queue, token, ids, lease);
  }

  @Override
  public Set<String> acknowledge(String queue, String token, List<Ack> acks) {
    return stored.acknowledge(queue, token, acks);
  }

  @Override
  public CompletableFuture<Fetched> acknowledgeAndFetch(
      String queue, Lease lease, List<Ack> acks, int max) {
    return stored.acknowledgeAndFetch(queue, lease, acks, max);
  }

  @Override
  public void release(String queue, String token, Collection<String> ids) {
    stored.release(queue, token, ids);
  }

  @Override
  public void progress(String queue, String token, String id, String progressJson) {
    stored.progress(queue, token, id, progressJson);
  }

  @Override
  public void log(String queue, String id, String line) {
    stored.log(queue, id, line);
  }

  @Override
  public void rateLimits(String queue, RateLimit perQueue, RateLimit perGroup) {
    stored.rateLimits(queue, perQueue, perGroup);
  }

  @Override
  public void concurrencyCaps(String queue, int maxRunning, int groupMaxRunning) {
    stored.concurrencyCaps(queue, maxRunning, groupMaxRunning);
  }

  @Override
  public AutoCloseable subscribe(String queue, EventSink sink) {
    if (!shards.isSharded(queue)) {
      return stored.subscribe(queue, sink);
    }
    List<AutoCloseable> subscriptions = new ArrayList<>();
    EventSink renamed = event -> sink.accept(QueueShards.underQueueName(event));
    try {
      for (String shard : shards.physical(queue)) {
        subscriptions.add(stored.subscribe(shard, renamed));
      }
    } catch (RuntimeException e) {
      closeAll(subscriptions);
      throw e;
    }
    return () -> closeAll(subscriptions);
  }

  private static void closeAll(List<AutoCloseable> subscriptions) {
    for (AutoCloseable subscription : subscriptions) {
      try {
        subscription.close();
      } catch (Exception e) {
        // Closing the others matters more; a subscription that fails to close is gone anyway.
      }
    }
  }

  @Override
  public boolean allowsSharding() {
    return stored.allowsSharding();
  }

  @Override
  public AutoCloseable onCancel(String queue, Consumer<String> ids) {
    return stored.onCancel(queue, ids);
  }

  @Override
  public WorkflowStore workflowStore() {
    return stored.workflowStore();
  }

  @Override
  public CheckpointStore checkpoints() {
    return stored.checkpoints();
  }

  @Override
  public QueueAdmin admin() {
    return admin;
  }

  @Override
  public void close() {
    stored.close();
  }
}
