package dev.errand.cron.internal.schedules;

import dev.errand.cron.spi.PendingTick;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The ticks {@link PostgresScheduleStore} holds as claimed ahead ({@code ahead_run}), and the
 * changes of a schedule that meet one. Upsert, pause and remove first lock the schedule's row, then
 * drop its held tick with its pending record, then change it, in one transaction: a claim of the
 * same row either committed before the lock (its tick is dropped) or waits for the change (and
 * finds the schedule moved). Separate statements, because a statement sees only what had committed
 * when it began.
 */
final class PostgresHeldTicks {

  private final ScheduleTable db;
  private final String table;
  private final String pending;

  PostgresHeldTicks(ScheduleTable db) {
    this.db = db;
    this.table = db.table();
    this.pending = table + "_pending";
  }

  void upsert(String id, String definition, Instant nextRun) {
    db.inTransaction(
        "upsert schedule " + id,
        c -> {
          dropHeld(c, id);
          // Instances upserting the same schedule at once queue up on its row; the last one's
          // definition stands, and a paused schedule stays without a next tick.
          return ScheduleTable.execute(
              c,
              "INSERT INTO "
                  + table
                  + " AS s (id, definition, next_run) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE"
                  + " SET definition = EXCLUDED.definition,"
                  + " next_run = CASE WHEN s.paused THEN NULL ELSE EXCLUDED.next_run END",
              id,
              definition,
              nextRun == null ? null : nextRun.toEpochMilli());
        });
  }

  boolean pause(String id) {
    return db.inTransaction(
        "pause schedule " + id,
        c ->
            dropHeld(c, id)
                && ScheduleTable.execute(
                        c,
                        "UPDATE " + table + " SET paused = true, next_run = NULL WHERE id = ?",
                        id)
                    == 1);
  }

  boolean remove(String id) {
    return db.inTransaction(
        "remove schedule " + id,
        c ->
            dropHeld(c, id)
                && ScheduleTable.execute(c, "DELETE FROM " + table + " WHERE id = ?", id) == 1);
  }

  /** Counts the run of each tick still held, in one statement; true for those. */
  List<Boolean> start(List<PendingTick> ticks) {
    if (ticks.isEmpty()) {
      return List.of();
    }
    return db.run(
        "start " + ticks.size() + " schedule tick(s) claimed ahead",
        c -> {
          List<Boolean> started = new ArrayList<>(Collections.nCopies(ticks.size(), false));
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE "
                      + table
                      + " s SET last_run = x.tick, runs = s.runs + 1, ahead_run = NULL"
                      + " FROM unnest(?::text[], ?::bigint[]) WITH ORDINALITY AS x(id, tick, n)"
                      + " WHERE s.id = x.id AND s.ahead_run = x.tick RETURNING x.n")) {
            ScheduleTable.bindTicks(c, update, 1, ticks);
            try (ResultSet rows = update.executeQuery()) {
              while (rows.next()) {
                started.set(rows.getInt(1) - 1, true);
              }
            }
          }
          return started;
        });
  }

  /**
   * Locks the schedule's row and drops the tick it holds, with its pending record; false when there
   * is no such schedule.
   */
  private boolean dropHeld(Connection c, String id) throws SQLException {
    long held;
    try (PreparedStatement lock =
        c.prepareStatement("SELECT ahead_run FROM " + table + " WHERE id = ? FOR UPDATE")) {
      lock.setString(1, id);
      try (ResultSet row = lock.executeQuery()) {
        if (!row.next()) {
          return false;
        }
        held = row.getLong(1);
        if (row.wasNull()) {
          return true;
        }
      }
    }
    ScheduleTable.execute(c, "DELETE FROM " + pending + " WHERE id = ? AND tick = ?", id, held);
    ScheduleTable.execute(c, "UPDATE " + table + " SET ahead_run = NULL WHERE id = ?", id);
    return true;
  }
}
