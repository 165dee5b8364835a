package dev.errand.cron.internal.schedules;

import dev.errand.cron.spi.PendingTick;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pending ticks of {@link PostgresScheduleStore}, in {@code <prefix>schedule_pending}: kept by
 * the claim's own statement (one statement, so atomic with the claim), dropped once the job is
 * added, and taken over with {@code FOR UPDATE SKIP LOCKED} when their lease has passed, so that of
 * several instances one takes each.
 */
final class PostgresPendingTicks {

  private final ScheduleTable db;
  private final String pending;

  PostgresPendingTicks(ScheduleTable db) {
    this.db = db;
    this.pending = db.table() + "_pending";
  }

  void settle(List<PendingTick> ticks) {
    if (ticks.isEmpty()) {
      return;
    }
    db.run(
        "settle " + ticks.size() + " pending tick(s)",
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement(
                  "DELETE FROM "
                      + pending
                      + " p USING unnest(?::text[], ?::bigint[]) AS t(id, tick)"
                      + " WHERE p.id = t.id AND p.tick = t.tick")) {
            ScheduleTable.bindTicks(c, delete, 1, ticks);
            return delete.executeUpdate();
          }
        });
  }

  List<PendingTick> takeOver(Instant now, Instant leaseUntil, int limit) {
    return db.run(
        "take over pending ticks",
        c -> {
          List<PendingTick> taken = new ArrayList<>();
          try (PreparedStatement take =
              c.prepareStatement(
                  "WITH taken AS (UPDATE "
                      + pending
                      + " p SET lease_until = ? FROM (SELECT id, tick FROM "
                      + pending
                      + " WHERE lease_until <= ? ORDER BY lease_until LIMIT ?"
                      + " FOR UPDATE SKIP LOCKED) due"
                      + " WHERE p.id = due.id AND p.tick = due.tick"
                      + " RETURNING p.id, p.tick, p.definition),"
                      // Ticks claimed ahead whose claimer died before starting them: count their
                      // runs, those of one schedule together (an UPDATE changes a row once). The
                      // counts are taken from the row as it is when locked, so a tick its late
                      // claimer started meanwhile is not counted again.
                      + " counted AS (UPDATE "
                      + db.table()
                      + " s SET runs = s.runs + cardinality(ARRAY(SELECT h"
                      + " FROM unnest(s.ahead_runs) h WHERE h = ANY(t.ticks))),"
                      + " last_run = GREATEST(s.last_run, (SELECT max(h)"
                      + " FROM unnest(s.ahead_runs) h WHERE h = ANY(t.ticks))),"
                      + " ahead_runs = ARRAY(SELECT h FROM unnest(s.ahead_runs) h"
                      + " WHERE h <> ALL(t.ticks))"
                      + " FROM (SELECT id, array_agg(tick) AS ticks FROM taken GROUP BY id) t"
                      + " WHERE s.id = t.id AND s.ahead_runs && t.ticks)"
                      + " SELECT id, tick, definition FROM taken")) {
            take.setLong(1, leaseUntil.toEpochMilli());
            take.setLong(2, now.toEpochMilli());
            take.setInt(3, limit);
            try (ResultSet rows = take.executeQuery()) {
              while (rows.next()) {
                taken.add(
                    new PendingTick(
                        rows.getString(1),
                        Instant.ofEpochMilli(rows.getLong(2)),
                        rows.getString(3)));
              }
            }
          }
          return taken;
        });
  }
}
