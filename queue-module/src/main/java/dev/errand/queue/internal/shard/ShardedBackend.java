package dev.errand.queue.internal.shard;

import dev.errand.queue.QueueAdmin;
import dev.errand.queue.internal.ForwardingBackend;
import dev.errand.queue.spi.EventSink;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.QueueBackend;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
public final class ShardedBackend extends ForwardingBackend {

  private final QueueShards shards;
  private final QueueAdmin admin;

  public ShardedBackend(QueueBackend stored, QueueShards shards) {
    super(stored);
    this.shards = shards;
    this.admin = new ShardedAdmin(stored.admin(), shards);
  }

  @Override
  public List<String> add(String queue, List<JobDraft> jobs) {
    if (!shards.isSharded(queue)) {
      return next.add(queue, jobs);
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
      return next.add(connection, queue, jobs);
    }
    List<String> ids = new ArrayList<>();
    for (JobDraft job : jobs) {
      JobDraft draft = withId(job);
      ids.addAll(next.add(connection, shards.physicalFor(queue, draft.jobId()), List.of(draft)));
    }
    return ids;
  }

  @Override
  public CompletableFuture<List<String>> addAsync(String queue, List<JobDraft> jobs) {
    if (!shards.isSharded(queue)) {
      return next.addAsync(queue, jobs);
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
                next.addAsync(shard, list)
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
  public AutoCloseable subscribe(String queue, EventSink sink) {
    if (!shards.isSharded(queue)) {
      return next.subscribe(queue, sink);
    }
    List<AutoCloseable> subscriptions = new ArrayList<>();
    EventSink renamed = event -> sink.accept(QueueShards.underQueueName(event));
    try {
      for (String shard : shards.physical(queue)) {
        subscriptions.add(next.subscribe(shard, renamed));
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

  /** Drains every shard of a sharded queue. */
  @Override
  public long drain(String queue, String idPrefix, Consumer<List<String>> drained) {
    long total = 0;
    for (String shard : shards.physical(queue)) {
      total += next.drain(shard, idPrefix, drained);
    }
    return total;
  }

  @Override
  public QueueAdmin admin() {
    return admin;
  }
}
