package dev.errand.cron.internal.schedules;

/**
 * The statements with which {@link PostgresScheduleStore} reads due schedules and claims their
 * ticks; {@code PostgresSchedulePlanTest} checks their plans use the indexes.
 */
final class PostgresClaimSql {

  private PostgresClaimSql() {}

  /** The ticker's read: the due schedules, earliest first, from the index of next ticks. */
  static String due(String table) {
    return "SELECT id, next_run FROM "
        + table
        + " WHERE next_run <= ? ORDER BY next_run, id LIMIT ?";
  }

  /**
   * Claims a batch of ticks: parameters are arrays of ids, ticks, next ticks and enqueued ticks;
   * answers the 1-based positions of the claims that won.
   */
  static String claim(String table) {
    return claimed(table) + " UPDATE " + claimUpdate(table, false) + " RETURNING c.n";
  }

  /**
   * {@link #claim} that also keeps each won tick that enqueues (a fifth parameter: its lease's end)
   * in {@code <table>_pending}, in the same statement.
   */
  static String claimKeepingPending(String table, boolean ahead) {
    return claimed(table)
        + ", won AS (UPDATE "
        + claimUpdate(table, ahead)
        + " RETURNING c.n, s.id, c.enqueued, s.definition),"
        + " kept AS (INSERT INTO "
        + table
        + "_pending (id, tick, definition, lease_until)"
        + " SELECT id, enqueued, definition, ? FROM won WHERE enqueued IS NOT NULL"
        + " ON CONFLICT (id, tick) DO NOTHING)"
        + " SELECT n FROM won";
  }

  /** The claims as rows, and those of their schedules this caller may change. */
  private static String claimed(String table) {
    return "WITH c AS (SELECT * FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[])"
        + " WITH ORDINALITY AS c(id, tick, next, enqueued, n)),"
        + " mine AS (SELECT s.id FROM "
        + table
        + " s JOIN c ON s.id = c.id AND s.next_run = c.tick ORDER BY s.id"
        + " FOR UPDATE OF s SKIP LOCKED)";
  }

  /**
   * Moves each won schedule to its next tick, counting a run for a tick that enqueues, or, claimed
   * {@code ahead}, holding that tick instead ({@code ahead_run}) for {@link
   * PostgresHeldTicks#start} to count.
   */
  private static String claimUpdate(String table, boolean ahead) {
    return table
        + (ahead
            ? " s SET next_run = c.next, ahead_run = COALESCE(c.enqueued, s.ahead_run)"
            : " s SET next_run = c.next, last_run = COALESCE(c.enqueued, s.last_run),"
                + " runs = s.runs + CASE WHEN c.enqueued IS NULL THEN 0 ELSE 1 END")
        + " FROM c, mine WHERE s.id = mine.id AND s.id = c.id AND s.next_run = c.tick";
  }
}
