package dev.errand.postgres.internal;

import dev.errand.queue.JobState;
import dev.errand.queue.spi.FinishedStates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The operators' deletions of many jobs at once (clean, trim, drain): a batch of at most {@link
 * PgFetch#BATCH} jobs a transaction until a batch finds none, so none holds many row locks for long
 * and what was deleted stays deleted should a later batch fail.
 */
final class PgBatchDeletes {

  private final Supplier<Jdbc> jdbc;
  private final Tables t;
  private final Clock clock;

  PgBatchDeletes(Supplier<Jdbc> jdbc, Tables tables, Clock clock) {
    this.jdbc = jdbc;
    this.t = tables;
    this.clock = clock;
  }

  /**
   * Deletes the queue's finished jobs in {@code state} that finished over {@code olderThan} ago.
   */
  long clean(String queue, JobState state, Duration olderThan) {
    JobState finished = FinishedStates.check(state);
    long before = clock.millis() - olderThan.toMillis();
    return repeat(queue, c -> PgRetention.olderThan(c, t, queue, finished, before));
  }

  /** Deletes the queue's finished jobs in {@code state} beyond the newest {@code keep}. */
  long trim(String queue, JobState state, long keep) {
    JobState finished = FinishedStates.check(state);
    return repeat(queue, c -> PgRetention.beyond(c, t, queue, finished, Math.max(0, keep)));
  }

  /**
   * Deletes the queue's waiting jobs, handing {@code drained} each committed batch's deleted ids
   * that start with {@code idPrefix} (none when it is empty).
   */
  long drain(String queue, String idPrefix, Consumer<List<String>> drained) {
    long total = 0;
    List<String> deleted;
    do {
      deleted = jdbc.get().transaction("drain queue '" + queue + "'", c -> deleteWaiting(c, queue));
      total += deleted.size();
      List<String> matching =
          idPrefix.isEmpty()
              ? List.of()
              : deleted.stream().filter(id -> id.startsWith(idPrefix)).toList();
      if (!matching.isEmpty()) {
        drained.accept(matching);
      }
    } while (!deleted.isEmpty());
    return total;
  }

  private List<String> deleteWaiting(Connection c, String queue) throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement(
            t.sql(
                "DELETE FROM {job} WHERE queue = ? AND id = ANY(ARRAY(SELECT id FROM {job}"
                    + " WHERE queue = ? AND state = 'waiting' LIMIT "
                    + PgFetch.BATCH
                    + " FOR UPDATE SKIP LOCKED)) RETURNING id"))) {
      List<String> ids = new ArrayList<>();
      try (ResultSet rows = Jdbc.bind(delete, queue, queue).executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      return ids;
    }
  }

  /** Runs a batch until it does nothing more, each batch its own transaction. */
  private long repeat(String queue, Jdbc.Work<Integer> batch) {
    long total = 0;
    int done;
    do {
      done = jdbc.get().transaction("delete jobs of queue '" + queue + "'", batch);
      total += done;
    } while (done > 0);
    return total;
  }
}
