package dev.errand.cron.internal.schedules;

import dev.errand.cron.spi.PendingTick;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ticks {@link PostgresScheduleStore} holds as claimed ahead ({@code ahead_runs}), and the
 * changes of a schedule that meet them. Upsert, pause and remove first lock the schedule's row,
 * then drop its held ticks still ahead of the caller's now with their pending records (those whose
 * moment has come stay, see {@code ScheduleStore#upsert}), then change it, in one transaction: a
 * claim of the same row either committed before the lock (its tick is dropped) or waits for the
 * change (and finds the schedule moved). Separate statements, because a statement sees only what
 * had committed when it began.
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

  void upsert(String id, String definition, Instant nextRun, Instant now) {
    db.inTransaction(
        "upsert schedule " + id,
        c -> {
          dropHeld(c, id, now);
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

  boolean pause(String id, Instant now) {
    return db.inTransaction(
        "pause schedule " + id,
        c ->
            dropHeld(c, id, now)
                && ScheduleTable.execute(
                        c,
                        "UPDATE " + table + " SET paused = true, next_run = NULL WHERE id = ?",
                        id)
                    == 1);
  }

  boolean remove(String id, Instant now) {
    return db.inTransaction(
        "remove schedule " + id,
        c ->
            dropHeld(c, id, now)
                && ScheduleTable.execute(c, "DELETE FROM " + table + " WHERE id = ?", id) == 1);
  }

  /**
   * Counts the run of each tick still held, and drops it from those held; true for those. One
   * statement, or one more for each further tick of a schedule already in it (an UPDATE changes a
   * row once), each rechecking the row as it is when locked: a tick started or taken over meanwhile
   * is not counted twice.
   */
  List<Boolean> start(List<PendingTick> ticks) {
    if (ticks.isEmpty()) {
      return List.of();
    }
    return db.run(
        "start " + ticks.size() + " schedule tick(s) claimed ahead",
        c -> {
          List<Boolean> started = new ArrayList<>(Collections.nCopies(ticks.size(), false));
          for (List<Integer> round : rounds(ticks)) {
            List<PendingTick> of = round.stream().map(ticks::get).toList();
            try (PreparedStatement update =
                c.prepareStatement(
                    "UPDATE "
                        + table
                        + " s SET last_run = GREATEST(s.last_run, x.tick), runs = s.runs + 1,"
                        + " ahead_runs = array_remove(s.ahead_runs, x.tick)"
                        + " FROM unnest(?::text[], ?::bigint[]) WITH ORDINALITY AS x(id, tick, n)"
                        + " WHERE s.id = x.id AND x.tick = ANY(s.ahead_runs) RETURNING x.n")) {
              ScheduleTable.bindTicks(c, update, 1, of);
              try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                  started.set(round.get(rows.getInt(1) - 1), true);
                }
              }
            }
          }
          return started;
        });
  }

  /** The positions of {@code ticks} in rounds that hold each schedule once, in order. */
  private static List<List<Integer>> rounds(List<PendingTick> ticks) {
    List<List<Integer>> rounds = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < ticks.size(); i++) {
      int round = seen.merge(ticks.get(i).id(), 1, Integer::sum) - 1;
      if (round == rounds.size()) {
        rounds.add(new ArrayList<>());
      }
      rounds.get(round).add(i);
    }
    return rounds;
  }

  /**
   * Locks the schedule's row and drops the ticks it holds that are still after {@code now}, with
   * their pending records; false when there is no such schedule.
   */
  private boolean dropHeld(Connection c, String id, Instant now) throws SQLException {
    Array held;
    try (PreparedStatement lock =
        c.prepareStatement("SELECT ahead_runs FROM " + table + " WHERE id = ? FOR UPDATE")) {
      lock.setString(1, id);
      try (ResultSet row = lock.executeQuery()) {
        if (!row.next()) {
          return false;
        }
        held = row.getArray(1);
      }
    }
    long nowMillis = now.toEpochMilli();
    if (Arrays.stream((Long[]) held.getArray()).noneMatch(tick -> tick > nowMillis)) {
      return true;
    }
    try (PreparedStatement delete =
        c.prepareStatement(
            "DELETE FROM " + pending + " WHERE id = ? AND tick = ANY(?) AND tick > ?")) {
      delete.setString(1, id);
      delete.setArray(2, held);
      delete.setLong(3, nowMillis);
      delete.executeUpdate();
    }
    ScheduleTable.execute(
        c,
        "UPDATE "
            + table
            + " SET ahead_runs = ARRAY(SELECT t FROM unnest(ahead_runs) AS t WHERE t <= ?)"
            + " WHERE id = ?",
        nowMillis,
        id);
    return true;
  }
}
