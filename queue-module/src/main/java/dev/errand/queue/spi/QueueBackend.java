package dev.errand.queue.spi;

import dev.errand.queue.QueueAdmin;
import dev.errand.queue.RateLimit;
import dev.errand.queue.WorkerProcess;
import java.sql.Connection;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Where jobs are stored and leased: the memory backend, the Redis backend, or one of your own. A
 * backend must pass the queue contract test suite. Every method takes the queue first; a queue is
 * created by its first add.
 *
 * <p>Leases: {@link #fetch} hands each job to a worker's {@link Lease#token()} until a deadline. A
 * job whose deadline passes goes back to waiting (a stall); after {@link Lease#maxStalled()} stalls
 * it is dead. Either way the run its lease cut off joins the job's attempts, failed as stalled
 * ({@link OutcomeEvents#stalledRun}, {@link RunInfo#cutOff}). Only the current token may renew,
 * acknowledge or release a job; other calls are refused.
 *
 * <p>The worker-facing calls are here; what operators do goes through {@link #admin()}. The
 * published contract suites (errand-tck) state every semantic; a backend is this interface plus one
 * short subclass of each suite.
 */
public interface QueueBackend extends AutoCloseable {

  /**
   * Stores jobs, in order. A draft with a {@link JobDraft#jobId()} that already exists adds nothing
   * and yields the existing id.
   *
   * @return the ids, one per draft
   */
  List<String> add(String queue, List<JobDraft> jobs);

  /**
   * {@link #add} without waiting, so a caller can prepare the next jobs while these are stored.
   * Calls are applied in the order they are made.
   */
  default CompletableFuture<List<String>> addAsync(String queue, List<JobDraft> jobs) {
    try {
      return CompletableFuture.completedFuture(add(queue, jobs));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * {@link #add} as statements on {@code connection}, inside the caller's transaction, which this
   * neither commits nor closes: the jobs exist once the caller commits, and not at all if it rolls
   * back. Backends that cannot take part in a JDBC transaction refuse.
   */
  default List<String> add(Connection connection, String queue, List<JobDraft> jobs) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName()
            + " cannot add jobs to queue '"
            + queue
            + "' in a JDBC transaction: choose JOBS_BACKEND=postgres, or JOBS_OUTBOX=true"
            + " (an outbox table in the application's database, relayed to the queue)");
  }

  /**
   * In one step: moves due delayed jobs to waiting, returns jobs whose lease expired to waiting (or
   * to dead after {@link Lease#maxStalled()} stalls), then leases up to {@code max} waiting jobs on
   * the terms of {@code lease}.
   */
  Fetched fetch(String queue, Lease lease, int max);

  /**
   * Blocks until the queue may have work, or {@code timeout} passes. A hint only: callers fetch
   * afterwards either way. A worker whose fetch reported nothing due ({@link Fetched#nextDelayed()}
   * null) waits long ({@code JOBS_IDLE_CHECK_INTERVAL}), so the wait must end soon after any
   * process adds, retries, releases, promotes or resumes work in the queue, that change made after
   * the caller's last {@link #fetch} included.
   */
  void awaitJobs(String queue, Duration timeout) throws InterruptedException;

  /**
   * Extends the leases {@code token} holds on {@code ids} by {@code lease} from now.
   *
   * @return the ids whose lease {@code token} no longer holds
   */
  Set<String> renew(String queue, String token, Collection<String> ids, Duration lease);

  /**
   * Records the outcome of many runs at once: each job's new state, its attempt ({@link Ack#run()})
   * among its last {@link dev.errand.queue.JobInfo#KEPT_ATTEMPTS}, and, in the same write, the
   * queue's per-minute history ({@link QueueAdmin#history}): runs ended and failed, and a {@link
   * dev.errand.queue.LatencySketch} of their run times.
   *
   * @return the ids whose acknowledgement was refused because {@code token} no longer holds them
   */
  Set<String> acknowledge(String queue, String token, List<Ack> acks);

  /**
   * {@link #acknowledge} then {@link #fetch} in one step and without waiting, so a busy worker
   * refills the slots its finished runs freed in the same round trip that reports them, and can
   * have a second round trip under way while the first one runs. A backend applies calls in the
   * order they are made; the workflow layer in front of it holds back a batch with a step's outcome
   * until the workflow has recorded it, so a later batch (of other jobs) may overtake that one. The
   * refused ids come back in {@link Fetched#refused()}.
   */
  default CompletableFuture<Fetched> acknowledgeAndFetch(
      String queue, Lease lease, List<Ack> acks, int max) {
    try {
      Set<String> refused = acknowledge(queue, lease.token(), acks);
      Fetched fetched = fetch(queue, lease, max);
      return CompletableFuture.completedFuture(
          new Fetched(fetched.jobs(), fetched.nextDelayed(), refused, fetched.events()));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Whether {@link #acknowledgeAndFetch} of {@code acks} first waits on work of its own (the
   * workflow layer records a step's outcome before its acknowledgement), so its round trip may take
   * a while: the worker then leaves its free slots to its fetcher instead of asking this trip to
   * refill them, and jobs added meanwhile (the steps that outcome releases) start at once. Only a
   * layer in front of a backend that does so says yes.
   */
  default boolean holdsBackAcknowledgement(List<Ack> acks) {
    return false;
  }

  /**
   * Offers to settle workflow steps in the call that acknowledges their jobs: the outcome of a
   * step's job ({@code wf:<workflow>:<step>}) is then recorded in its workflow store atomically
   * with the acknowledgement, and only for an acknowledgement that is not refused, instead of by a
   * store call made before it. What each acknowledgement settled goes to {@code settled}, on the
   * backend's own threads (so {@code settled} must not block), for the caller to add the released
   * steps to their queues. A backend that says yes must note each release until {@link
   * SettledOnAcknowledge#carriedThrough} ends it, and list the notes in {@link
   * WorkflowStore#unreleased}.
   *
   * @return whether the backend does so from now on; by default it does not
   */
  default boolean settleStepsOnAcknowledge(Consumer<SettledOnAcknowledge> settled) {
    return false;
  }

  /** Puts jobs {@code token} holds back to waiting without counting the run as an attempt. */
  void release(String queue, String token, Collection<String> ids);

  /** Records a running job's progress (JSON), if {@code token} still holds it. */
  void progress(String queue, String token, String id, String progressJson);

  /** Appends a line to a job's log. */
  void log(String queue, String id, String line);

  /**
   * Limits how many jobs of {@code queue} {@link #fetch} starts: at most {@code perQueue} in all
   * and {@code perGroup} for each {@link JobDraft#group()}, across processes; null for no limit. A
   * job whose group is at its limit waits, delayed, until the group's window ends.
   */
  default void rateLimits(String queue, RateLimit perQueue, RateLimit perGroup) {
    if (perQueue != null || perGroup != null) {
      throw new UnsupportedOperationException(
          getClass().getSimpleName() + " cannot rate-limit queue '" + queue + "'");
    }
  }

  /**
   * Caps how many jobs of {@code queue} are leased at once across processes: at most {@code
   * maxRunning} in all and {@code groupMaxRunning} for each {@link JobDraft#group()} (1 makes a
   * mutex); 0 for no cap. A job over its group's cap waits without holding back jobs of other
   * groups, and starts once a job of its group ends. A job counts from its lease until its outcome
   * is recorded or its lease expires, so a worker that died releases its share then.
   */
  default void concurrencyCaps(String queue, int maxRunning, int groupMaxRunning) {
    if (maxRunning > 0 || groupMaxRunning > 0) {
      throw new UnsupportedOperationException(
          getClass().getSimpleName() + " cannot cap the running jobs of queue '" + queue + "'");
    }
  }

  /**
   * Delivers the events of {@code queue}, whichever process runs its jobs, to {@code sink} until
   * the returned handle is closed. It is subscribed when this returns.
   */
  default AutoCloseable subscribe(String queue, EventSink sink) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " does not publish events of queue '" + queue + "'");
  }

  /**
   * Whether the queue layer may spread a queue over shards here ({@code
   * JOBS_QUEUE_<QUEUE>_SHARDS}). A shard reaches the backend as a queue of its own, named {@code
   * queue#index/count} ({@code #} and {@code /} never occur in a queue's own name), so a backend
   * needs nothing more than to accept such names. One that returns false runs every queue
   * unsharded, whatever the settings say: the testing kit does, so that a test sees one queue in
   * one order.
   */
  default boolean allowsSharding() {
    return true;
  }

  /**
   * Delivers the ids of {@code queue}'s jobs whose cancellation {@link #cancel} asked for, from any
   * process, to {@code ids} until the returned handle is closed. Workers listen here.
   */
  default AutoCloseable onCancel(String queue, Consumer<String> ids) {
    return () -> {};
  }

  /**
   * Records that {@code process} consumes queues here, until {@code lease} from now; {@link
   * QueueAdmin#processes()} lists it until then, in every process sharing this storage. Called
   * every {@code JOBS_HEARTBEAT_INTERVAL} by each process that runs workers.
   */
  default void heartbeat(WorkerProcess process, Duration lease) {}

  /** Forgets the heartbeat of process {@code processId}, which stops cleanly. */
  default void endHeartbeat(String processId) {}

  /**
   * How long the per-minute history that {@link #acknowledge} writes is kept ({@code
   * JOBS_HISTORY_RETENTION}); backends keep 25 hours until told otherwise.
   */
  default void historyRetention(Duration retention) {}

  /**
   * What operators do with the stored jobs: counts, listings, retries, removal, pause and
   * cancellation. The queue layer binds it, with this process's metrics added, as {@link
   * QueueAdmin}.
   */
  QueueAdmin admin();

  /**
   * Deletes every waiting job of the queue, as {@link QueueAdmin#drain} does, and hands {@code
   * drained} the ids starting with {@code idPrefix} of each bounded batch once it is deleted: the
   * queue layer records a workflow step whose job was drained, as one removed by hand, so its
   * workflow does not wait for it for ever. A backend that keeps workflows must implement it.
   *
   * @return how many jobs were deleted
   */
  default long drain(String queue, String idPrefix, Consumer<List<String>> drained) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot tell which jobs a drain of '" + queue + "' deletes");
  }

  /**
   * Where workflows keep their bookkeeping ({@link dev.errand.queue.WorkflowService}); a backend
   * without one refuses workflows.
   */
  default WorkflowStore workflowStore() {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " does not store workflows: it has no WorkflowStore");
  }

  /**
   * Where jobs keep their step checkpoints ({@link dev.errand.queue.JobContext#step}); a backend
   * without one runs every step on every attempt.
   */
  default CheckpointStore checkpoints() {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " keeps no step checkpoints: it has no CheckpointStore");
  }

  /** Releases the backend's own resources; shared clients stay open. */
  @Override
  default void close() {}
}
