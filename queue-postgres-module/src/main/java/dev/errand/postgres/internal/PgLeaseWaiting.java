package dev.errand.postgres.internal;

import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The lease of the first waiting jobs of a queue without rate limits or caps: one statement, that
 * can go in the round trip of the statement before it ({@link AlongStatement}). It goes with an
 * acknowledgement's last completion statement (the lease does not depend on the completions: they
 * end active jobs, it takes waiting ones), and after a fetch's promotion of due delayed jobs (a
 * statement that begins after another sees what it changed); waiting for the reply of the one
 * before cost each a round trip.
 */
final class PgLeaseWaiting implements AlongStatement {

  /** A leased job with what orders it: higher priority first, then first added. */
  record Leased(LeasedJob job, int priority, long seq) {}

  private final Tables t;
  private final String queue;
  private final long now;
  private final Lease lease;
  private final int max;
  private final List<Leased> leased = new ArrayList<>();

  PgLeaseWaiting(Tables tables, String queue, long now, Lease lease, int max) {
    this.t = tables;
    this.queue = queue;
    this.now = now;
    this.lease = lease;
    this.max = max;
  }

  @Override
  public String sql() {
    return t.sql(PgFetch.lease(PgFetch.pickWaiting(PgFetch.NOT_PAUSED)));
  }

  @Override
  public int parameters() {
    return 7;
  }

  @Override
  public void bind(PreparedStatement statement, int at) throws SQLException {
    Jdbc.bindFrom(
        statement,
        at,
        queue,
        queue,
        max,
        lease.token(),
        now,
        now + lease.duration().toMillis(),
        queue);
  }

  @Override
  public void read(ResultSet rows) throws SQLException {
    while (rows.next()) {
      leased.add(leased(rows));
    }
  }

  /** Runs the lease in a round trip of its own. */
  PgLeaseWaiting alone(Connection c) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql())) {
      bind(statement, 1);
      try (ResultSet rows = statement.executeQuery()) {
        read(rows);
      }
    }
    return this;
  }

  List<Leased> leased() {
    return leased;
  }

  /** What the lease took, as a refill answers: no next due time, nothing noticed. */
  Fetched fetched() {
    return new Fetched(inOrder(leased), null, Set.of(), List.of());
  }

  /** A row of {@link PgFetch#lease}'s statement. */
  static Leased leased(ResultSet rows) throws SQLException {
    LeasedJob job =
        new LeasedJob(
            rows.getString(1),
            rows.getString(2),
            rows.getString(3),
            rows.getString(4),
            rows.getInt(5));
    return new Leased(job, rows.getInt(6), rows.getLong(7));
  }

  /** The jobs in the order they should start. */
  static List<LeasedJob> inOrder(List<Leased> leased) {
    return leased.stream()
        .sorted(Comparator.comparingInt(Leased::priority).reversed().thenComparingLong(Leased::seq))
        .map(Leased::job)
        .toList();
  }
}
