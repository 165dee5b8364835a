package dev.errand.cron.internal.schedules;

import dev.errand.cron.spi.PendingTick;
import dev.errand.cron.spi.ScheduleClaim;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The pending ticks of {@link PostgresScheduleStore}, in {@code <prefix>schedule_pending}: kept by
 * the claim's own statement (one statement, so atomic with the claim), dropped once the job is
 * added, and taken over with {@code FOR UPDATE SKIP LOCKED} when their lease has passed, so that of
 * several instances one takes each.
 */
final class PostgresPendingTicks {

  private final ScheduleTable db;
  private final String schedules;
  private final String pending;

  PostgresPendingTicks(ScheduleTable db) {
    this.db = db;
    this.schedules = db.table();
    this.pending = db.table() + "_pending";
  }

  /** Claims as {@link PostgresScheduleStore#claimAll} does and keeps each enqueuing win pending. */
  List<Boolean> claimAll(List<ScheduleClaim> claims, Instant leaseUntil) {
    if (claims.isEmpty()) {
      return List.of();
    }
    String sql =
        "WITH c AS (SELECT * FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[])"
            + " WITH ORDINALITY AS c(id, tick, next, enqueued, n)),"
            + " mine AS (SELECT s.id FROM "
            + schedules
            + " s JOIN c ON s.id = c.id AND s.next_run = c.tick ORDER BY s.id"
            + " FOR UPDATE OF s SKIP LOCKED),"
            + " won AS (UPDATE "
            + schedules
            + " s SET next_run = c.next, last_run = COALESCE(c.enqueued, s.last_run),"
            + " runs = s.runs + CASE WHEN c.enqueued IS NULL THEN 0 ELSE 1 END"
            + " FROM c, mine WHERE s.id = mine.id AND s.id = c.id AND s.next_run = c.tick"
            + " RETURNING c.n, s.id, c.enqueued, s.definition),"
            + " kept AS (INSERT INTO "
            + pending
            + " (id, tick, definition, lease_until)"
            + " SELECT id, enqueued, definition, ? FROM won WHERE enqueued IS NOT NULL"
            + " ON CONFLICT (id, tick) DO NOTHING)"
            + " SELECT n FROM won";
    return db.run(
        "claim " + claims.size() + " schedule tick(s)",
        c -> {
          List<Boolean> claimed = new ArrayList<>(Collections.nCopies(claims.size(), false));
          try (PreparedStatement claim = c.prepareStatement(sql)) {
            claim.setArray(1, c.createArrayOf("text", column(claims, ScheduleClaim::id)));
            claim.setArray(2, c.createArrayOf("bigint", column(claims, x -> millis(x.tick()))));
            claim.setArray(3, c.createArrayOf("bigint", column(claims, x -> millis(x.next()))));
            claim.setArray(4, c.createArrayOf("bigint", column(claims, x -> millis(x.enqueued()))));
            claim.setLong(5, leaseUntil.toEpochMilli());
            try (ResultSet rows = claim.executeQuery()) {
              while (rows.next()) {
                claimed.set(rows.getInt(1) - 1, true);
              }
            }
          }
          return claimed;
        });
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
            delete.setArray(
                1, c.createArrayOf("text", ticks.stream().map(PendingTick::id).toArray()));
            delete.setArray(
                2, c.createArrayOf("bigint", ticks.stream().map(t -> millis(t.tick())).toArray()));
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
                  "UPDATE "
                      + pending
                      + " p SET lease_until = ? FROM (SELECT id, tick FROM "
                      + pending
                      + " WHERE lease_until <= ? ORDER BY lease_until LIMIT ?"
                      + " FOR UPDATE SKIP LOCKED) due"
                      + " WHERE p.id = due.id AND p.tick = due.tick"
                      + " RETURNING p.id, p.tick, p.definition")) {
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

  private static Object[] column(List<ScheduleClaim> claims, Function<ScheduleClaim, Object> v) {
    return claims.stream().map(v).toArray();
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }
}
