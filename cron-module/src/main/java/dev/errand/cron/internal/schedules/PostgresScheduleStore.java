package dev.errand.cron.internal.schedules;

import dev.errand.core.Health;
import dev.errand.cron.spi.DueTick;
import dev.errand.cron.spi.PendingTick;
import dev.errand.cron.spi.ScheduleClaim;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.cron.spi.StoredSchedule;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Schedules in a PostgreSQL table beside the PostgreSQL queue's, under the same table prefix, made
 * by migrations of their own (history table {@code <prefix>schedule_schema_history}). The ticker
 * reads only the partial index of active schedules by next tick; a claim is one conditional UPDATE
 * of the rows whose next tick is still the claimed one, so of two instances claiming the same tick
 * one changes the row and the other finds it changed.
 */
public final class PostgresScheduleStore implements ScheduleStore {

  private final ScheduleTable db;
  private final String table;
  private final PostgresPendingTicks pending;
  private final PostgresHeldTicks held;

  /**
   * A store over {@code <tablePrefix>schedule}; the table is made at {@link #prepare} or the first
   * call.
   *
   * @throws IllegalArgumentException when the prefix is not a valid table-name start
   */
  public PostgresScheduleStore(DataSource dataSource, String tablePrefix) {
    this.db = new ScheduleTable(dataSource, tablePrefix);
    this.table = db.table();
    this.pending = new PostgresPendingTicks(db);
    this.held = new PostgresHeldTicks(db);
  }

  /** Creates or updates the schedules table; idempotent, and safe from many instances at once. */
  public void prepare() {
    db.prepare();
  }

  @Override
  public void upsert(String id, String definition, Instant nextRun, Instant now) {
    held.upsert(id, definition, nextRun, now);
  }

  @Override
  public Optional<StoredSchedule> get(String id) {
    return getAll(List.of(id)).stream().findFirst();
  }

  @Override
  public List<StoredSchedule> getAll(List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<StoredSchedule> found =
        new ArrayList<>(
            db.query(
                "read schedules",
                "SELECT " + ScheduleTable.COLUMNS + " FROM " + table + " WHERE id = ANY (?)",
                c -> new Object[] {c.createArrayOf("text", ids.toArray())}));
    // In the order asked for, as the other stores answer.
    Map<String, Integer> order = new java.util.HashMap<>();
    for (int i = ids.size() - 1; i >= 0; i--) {
      order.put(ids.get(i), i);
    }
    found.sort(java.util.Comparator.comparingInt(s -> order.get(s.id())));
    return found;
  }

  @Override
  public List<StoredSchedule> list(String idPrefix, String after, int limit) {
    String like = idPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return db.query(
        "list schedules starting with '" + idPrefix + "'",
        "SELECT "
            + ScheduleTable.COLUMNS
            + " FROM "
            + table
            + " WHERE id LIKE ? AND (CAST(? AS text) IS NULL OR id > ?) ORDER BY id LIMIT ?",
        c -> new Object[] {like, after, after, limit});
  }

  @Override
  public boolean remove(String id, Instant now) {
    return held.remove(id, now);
  }

  @Override
  public boolean pause(String id, Instant now) {
    return held.pause(id, now);
  }

  @Override
  public boolean resume(String id, Instant nextRun) {
    return db.update(
            "resume schedule " + id,
            "UPDATE " + table + " SET paused = false, next_run = ? WHERE id = ?",
            millis(nextRun),
            id)
        == 1;
  }

  @Override
  public List<DueTick> due(Instant now, int limit) {
    return db.run(
        "read the due schedules",
        c -> {
          List<DueTick> due = new ArrayList<>();
          try (PreparedStatement select = c.prepareStatement(PostgresClaimSql.due(table))) {
            select.setLong(1, now.toEpochMilli());
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                due.add(new DueTick(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2))));
              }
            }
          }
          return due;
        });
  }

  @Override
  public Optional<Instant> earliest() {
    return db.run(
        "read the earliest schedule tick",
        c -> {
          try (PreparedStatement select =
                  c.prepareStatement(
                      "SELECT next_run FROM "
                          + table
                          + " WHERE next_run IS NOT NULL ORDER BY next_run LIMIT 1");
              ResultSet row = select.executeQuery()) {
            return row.next()
                ? Optional.of(Instant.ofEpochMilli(row.getLong(1)))
                : Optional.empty();
          }
        });
  }

  @Override
  public boolean claim(ScheduleClaim claim) {
    return claimAll(List.of(claim)).getFirst();
  }

  /**
   * One statement for the batch. Rows another instance holds locked are skipped rather than waited
   * for: that instance is claiming or changing them, and a tick it did not take is still due at the
   * next look.
   */
  @Override
  public List<Boolean> claimAll(List<ScheduleClaim> claims) {
    return claim(claims, null, false);
  }

  /**
   * Claims {@code claims} in one statement; with {@code leaseUntil}, the same statement keeps each
   * won tick that enqueues as pending in {@code <prefix>schedule_pending}, so the two are atomic;
   * claimed {@code ahead}, the schedule holds the tick instead of counting its run.
   */
  private List<Boolean> claim(List<ScheduleClaim> claims, Instant leaseUntil, boolean ahead) {
    if (claims.isEmpty()) {
      return List.of();
    }
    String sql =
        leaseUntil == null
            ? PostgresClaimSql.claim(table)
            : PostgresClaimSql.claimKeepingPending(table, ahead);
    return db.run(
        "claim " + claims.size() + " schedule tick(s)",
        c -> {
          List<Boolean> claimed = new ArrayList<>(Collections.nCopies(claims.size(), false));
          try (PreparedStatement update = c.prepareStatement(sql)) {
            update.setArray(1, c.createArrayOf("text", column(claims, ScheduleClaim::id)));
            update.setArray(2, c.createArrayOf("bigint", column(claims, x -> millis(x.tick()))));
            update.setArray(3, c.createArrayOf("bigint", column(claims, x -> millis(x.next()))));
            update.setArray(
                4, c.createArrayOf("bigint", column(claims, x -> millis(x.enqueued()))));
            if (leaseUntil != null) {
              update.setLong(5, leaseUntil.toEpochMilli());
            }
            try (ResultSet rows = update.executeQuery()) {
              while (rows.next()) {
                claimed.set(rows.getInt(1) - 1, true);
              }
            }
          }
          return claimed;
        });
  }

  @Override
  public List<Boolean> claimAll(List<ScheduleClaim> claims, Instant leaseUntil) {
    return claim(claims, leaseUntil, false);
  }

  @Override
  public boolean claimsAhead() {
    return true;
  }

  @Override
  public List<Boolean> claimAhead(List<ScheduleClaim> claims, Instant leaseUntil) {
    return claim(claims, leaseUntil, true);
  }

  @Override
  public List<Boolean> start(List<PendingTick> ticks) {
    return held.start(ticks);
  }

  @Override
  public boolean keepsPendingTicks() {
    return true;
  }

  @Override
  public void settle(List<PendingTick> ticks) {
    pending.settle(ticks);
  }

  @Override
  public List<PendingTick> takeOver(Instant now, Instant leaseUntil, int limit) {
    return pending.takeOver(now, leaseUntil, limit);
  }

  @Override
  public Health health() {
    try {
      db.run("check the schedules table", c -> c.isValid(2));
      return Health.ok();
    } catch (RuntimeException e) {
      return Health.down(e.getMessage());
    }
  }

  private static Object[] column(
      List<ScheduleClaim> claims, java.util.function.Function<ScheduleClaim, Object> value) {
    return claims.stream().map(value).toArray();
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }
}
