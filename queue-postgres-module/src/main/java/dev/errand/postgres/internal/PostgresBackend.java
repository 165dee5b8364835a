package dev.errand.postgres.internal;

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
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Jobs in PostgreSQL tables under a prefix (see the module's migration for the layout). A fetch, an
 * acknowledgement and both together are each one transaction on one connection; an add is one
 * statement. Idle workers wait for a NOTIFY heard on the backend's one LISTEN connection ({@link
 * PgNotifications}), and look again at least every {@code JOBS_IDLE_CHECK_INTERVAL} anyway.
 *
 * <p>Times are this process's clock: processes sharing the tables should run NTP, as they would for
 * any lease.
 */
public final class PostgresBackend implements QueueBackend {

  private final Jdbc jdbc;
  private final Tables tables;
  private final Clock clock;
  private final PgNotifications notifications;
  private final PgAdmin admin;
  private final PgInsight insight;
  private final PgCheckpoints checkpoints;
  private final PgWorkflowStore workflows;
  private final PgPacing pacing = new PgPacing();
  private final PgStepSettles stepSettles;
  private final PgWorkerCalls workerCalls;
  private final PgAddPaths addPaths;
  private volatile boolean prepared;

  /**
   * A backend over the tables under {@code tablePrefix}; it connects at {@link #prepare} or at its
   * first call, whichever comes first.
   */
  public PostgresBackend(DataSource dataSource, String tablePrefix, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.tables = new Tables(tablePrefix);
    this.clock = clock;
    this.notifications = new PgNotifications(dataSource, tables);
    this.addPaths = new PgAddPaths(this::jdbc, tables, clock, notifications.wakeups());
    this.insight = new PgInsight(this::jdbc, tables, clock);
    this.admin = new PgAdmin(this::jdbc, tables, clock, insight);
    this.checkpoints = new PgCheckpoints(this::jdbc, tables, clock);
    this.workflows = new PgWorkflowStore(this::jdbc, tables);
    this.stepSettles = new PgStepSettles(tables, workflows);
    this.workerCalls = new PgWorkerCalls(this::jdbc, tables, clock, pacing, stepSettles);
  }

  /**
   * Checks the database and creates or updates the queue tables; idempotent.
   *
   * @throws IllegalArgumentException when the DataSource is not PostgreSQL 13 or newer
   * @throws IllegalStateException when the schema is missing or the tables cannot be created
   */
  public synchronized void prepare() {
    if (!prepared) {
      PgSchema.prepare(jdbc.dataSource(), tables);
      prepared = true;
    }
  }

  private Jdbc jdbc() {
    if (!prepared) {
      prepare();
    }
    return jdbc;
  }

  @Override
  public List<String> add(String queue, List<JobDraft> jobs) {
    return addPaths.add(queue, jobs);
  }

  @Override
  public CompletableFuture<List<String>> addAsync(String queue, List<JobDraft> jobs) {
    return addPaths.addAsync(queue, jobs);
  }

  @Override
  public List<String> add(Connection connection, String queue, List<JobDraft> jobs) {
    return addPaths.add(connection, queue, jobs);
  }

  @Override
  public Fetched fetch(String queue, Lease lease, int max) {
    notifications.listen();
    notifications.wakeups().fetching(queue);
    return workerCalls.fetch(queue, lease, max);
  }

  @Override
  public CompletableFuture<Fetched> acknowledgeAndFetch(
      String queue, Lease lease, List<Ack> acks, int max) {
    try {
      return CompletableFuture.completedFuture(
          workerCalls.acknowledgeAndFetch(queue, lease, acks, max));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public void awaitJobs(String queue, Duration timeout) throws InterruptedException {
    Duration wait =
        notifications.listening() || timeout.compareTo(PgNotifications.POLL_WITHOUT_LISTENER) < 0
            ? timeout
            : PgNotifications.POLL_WITHOUT_LISTENER;
    notifications.wakeups().await(queue, wait);
  }

  @Override
  public Set<String> renew(String queue, String token, Collection<String> ids, Duration lease) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return jdbc()
        .autoCommit(
            "renew leases in queue '" + queue + "'",
            c -> PgLeases.renew(c, tables, queue, token, ids, clock.millis() + lease.toMillis()));
  }

  @Override
  public Set<String> acknowledge(String queue, String token, List<Ack> acks) {
    if (acks.isEmpty()) {
      return Set.of();
    }
    return workerCalls.acknowledge(queue, token, acks);
  }

  /**
   * Yes: steps' outcomes are settled in the transaction that acknowledges their jobs ({@link
   * PgStepSettles}).
   */
  @Override
  public boolean settleStepsOnAcknowledge(Consumer<SettledOnAcknowledge> settled) {
    return stepSettles.offer(settled);
  }

  @Override
  public void release(String queue, String token, Collection<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc()
        .transaction(
            "release jobs of queue '" + queue + "'",
            c -> PgLeases.release(c, tables, queue, token, ids));
  }

  @Override
  public void progress(String queue, String token, String id, String progressJson) {
    jdbc()
        .transaction(
            "record the progress of job " + id + " of queue '" + queue + "'",
            c -> PgProgress.record(c, tables, queue, token, id, progressJson));
  }

  @Override
  public void log(String queue, String id, String line) {
    jdbc()
        .autoCommit(
            "log a line of job " + id + " of queue '" + queue + "'",
            c -> PgLeases.log(c, tables, queue, id, line));
  }

  @Override
  public void rateLimits(String queue, RateLimit perQueue, RateLimit perGroup) {
    pacing.rateLimits(queue, perQueue, perGroup);
  }

  @Override
  public void concurrencyCaps(String queue, int maxRunning, int groupMaxRunning) {
    pacing.concurrencyCaps(queue, maxRunning, groupMaxRunning);
  }

  @Override
  public AutoCloseable subscribe(String queue, EventSink sink) {
    return notifications.subscribe(queue, sink);
  }

  @Override
  public AutoCloseable onCancel(String queue, Consumer<String> ids) {
    return notifications.onCancel(queue, ids);
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
  public void heartbeat(WorkerProcess process, Duration lease) {
    insight.heartbeat(process, lease);
  }

  @Override
  public void endHeartbeat(String processId) {
    insight.end(processId);
  }

  @Override
  public void historyRetention(Duration retention) {
    insight.retention(retention);
  }

  @Override
  public CheckpointStore checkpoints() {
    return checkpoints;
  }

  @Override
  public WorkflowStore workflowStore() {
    return workflows;
  }

  /** Whether the LISTEN connection is up, so idle workers wait for wake-ups instead of polling. */
  public boolean listening() {
    return notifications.listening();
  }

  /** Stops listening; the DataSource belongs to the application and stays open. */
  @Override
  public void close() {
    notifications.close();
  }
}
