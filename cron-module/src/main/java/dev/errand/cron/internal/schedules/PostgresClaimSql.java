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
    return claimed(table)
        + ", won AS (UPDATE "
        + claimUpdate(table, false)
        + " RETURNING c.n, mine.ran) SELECT n FROM won WHERE NOT ran";
  }

  /**
   * {@link #claim} that also keeps each won tick that enqueues (a fifth parameter: its lease's end)
   * in {@code <table>_pending}, in the same statement.
   */
  static String claimKeepingPending(String table, boolean ahead) {
    return claimed(table)
        + ", won AS (UPDATE "
        + claimUpdate(table, ahead)
        + " RETURNING c.n, s.id, c.enqueued, s.definition, mine.ran),"
        + " kept AS (INSERT INTO "
        + table
        + "_pending (id, tick, definition, lease_until)"
        + " SELECT id, enqueued, definition, ? FROM won WHERE enqueued IS NOT NULL AND NOT ran"
        + " ON CONFLICT (id, tick) DO NOTHING)"
        + " SELECT n FROM won WHERE NOT ran";
  }

  /**
   * The claims as rows, and those of their schedules this caller may change, each with whether its
   * tick already ran ({@code ran}: it started just before an upsert or resume indexed it again), in
   * which case the schedule moves on to its next tick but the tick is not won again.
   */
  private static String claimed(String table) {
    return "WITH c AS (SELECT * FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[])"
        + " WITH ORDINALITY AS c(id, tick, next, enqueued, n)),"
        + " mine AS (SELECT s.id, COALESCE(s.last_run >= c.tick, false) AS ran FROM "
        + table
        + " s JOIN c ON s.id = c.id AND s.next_run = c.tick ORDER BY s.id"
        + " FOR UPDATE OF s SKIP LOCKED)";
  }

  /**
   * Moves each won schedule to its next tick, counting a run for a tick that enqueues, or, claimed
   * {@code ahead}, holding that tick instead (among its {@code ahead_runs}) for {@link
   * PostgresHeldTicks#start} to count.
   */
  private static String claimUpdate(String table, boolean ahead) {
    return table
        + (ahead
            ? " s SET next_run = c.next, ahead_runs = CASE WHEN mine.ran OR c.enqueued IS NULL"
                + " THEN s.ahead_runs ELSE array_append(s.ahead_runs, c.enqueued) END"
            : " s SET next_run = c.next, last_run = CASE WHEN mine.ran THEN s.last_run"
                + " ELSE COALESCE(c.enqueued, s.last_run) END,"
                + " runs = s.runs + CASE WHEN c.enqueued IS NULL OR mine.ran THEN 0 ELSE 1 END")
        + " FROM c, mine WHERE s.id = mine.id AND s.id = c.id AND s.next_run = c.tick";
  }
}
