package dev.errand.postgres.internal;

import dev.errand.queue.spi.JobDraft;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The ways {@link PostgresBackend} adds jobs: single adds grouped into shared statements ({@link
 * PgAddBatcher}), adds with deduplication keys in a transaction of their own, and adds on the
 * caller's connection inside its transaction; each wakes this process's idle worker of the queue
 * once its jobs are committed.
 */
final class PgAddPaths {

  private final Supplier<Jdbc> jdbc;
  private final Tables tables;
  private final Clock clock;
  private final Wakeups wakeups;
  private final PgDedupSweep dedupSweep = new PgDedupSweep();
  private final PgAddBatcher adds = new PgAddBatcher(this::store);

  /**
   * @param jdbc the backend's statements, its tables prepared first
   */
  PgAddPaths(Supplier<Jdbc> jdbc, Tables tables, Clock clock, Wakeups wakeups) {
    this.jdbc = jdbc;
    this.tables = tables;
    this.clock = clock;
    this.wakeups = wakeups;
  }

  /** The backend's statements; the first call creates the tables, so an add may come first. */
  private Jdbc jdbc() {
    return jdbc.get();
  }

  /** Adds {@code jobs} (grouped with other callers' adds unless they deduplicate). */
  List<String> add(String queue, List<JobDraft> jobs) {
    if (jobs.isEmpty()) {
      return List.of();
    }
    jdbc();
    return PgDedup.any(jobs) ? deduplicated(queue, jobs) : adds.add(queue, jobs);
  }

  /** {@link #add(String, List)} without waiting for it. */
  CompletableFuture<List<String>> addAsync(String queue, List<JobDraft> jobs) {
    if (jobs.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    try {
      jdbc();
      if (PgDedup.any(jobs)) {
        return CompletableFuture.completedFuture(deduplicated(queue, jobs));
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return adds.addAsync(queue, jobs);
  }

  /**
   * Adds with deduplication keys lock their keys' rows, so they take a transaction of their own;
   * keys that no longer stand are deleted after one of them now and then ({@link PgDedupSweep}).
   */
  private List<String> deduplicated(String queue, List<JobDraft> jobs) {
    List<String> ids =
        jdbc()
            .transaction(
                "add " + jobs.size() + " job(s) to queue '" + queue + "'",
                c -> PgDedup.add(c, tables, queue, jobs, clock.millis()));
    wakeLocalWorker(queue, jobs, clock.millis());
    dedupSweep.maybe(jdbc(), tables, clock.millis());
    return ids;
  }

  /** One statement, committed on its own, for the adds {@link PgAddBatcher} groups. */
  private List<String> store(String queue, List<JobDraft> jobs) {
    long now = clock.millis();
    List<String> ids =
        jdbc()
            .autoCommit(
                "add " + jobs.size() + " job(s) to queue '" + queue + "'",
                c -> PgAdds.add(c, tables, queue, jobs, now));
    wakeLocalWorker(queue, jobs, now);
    return ids;
  }

  /**
   * Wakes this process's idle worker of {@code queue} as soon as jobs it can run now are committed,
   * without waiting for the NOTIFY to come back from PostgreSQL through the listening connection
   * (that hop was most of the time from an add to its start when producer and worker share a
   * process). Workers elsewhere still hear the NOTIFY; a worker that was not idle fetches once
   * more.
   */
  private void wakeLocalWorker(String queue, List<JobDraft> jobs, long now) {
    if (jobs.stream().anyMatch(job -> job.dueBy(now))) {
      wakeups.wake(queue);
    }
  }

  /** Adds {@code jobs} with statements on the caller's connection, in its transaction. */
  List<String> add(Connection connection, String queue, List<JobDraft> jobs) {
    if (jobs.isEmpty()) {
      return List.of();
    }
    jdbc();
    return PgAdds.onCallersConnection(connection, tables, queue, jobs, clock.millis());
  }
}
