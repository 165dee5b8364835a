package dev.errand.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An idle worker's registration ({@code idle_until}) is written when it lapsed or has less than
 * half its time left, and while this process knows it stands, no statement is sent for it.
 */
class IdleRegistrationTest {

  private static final String QUEUE = "mail";

  @RegisterExtension final TestPostgres postgres = new TestPostgres();
  private final Tables tables = new Tables("errand_");

  @Test
  void shouldSendNoStatementWhileTheRegistrationIsKnownToStand() throws SQLException {
    postgres.backend().close();
    PgIdle idle = new PgIdle();
    long now = 1_000_000;
    try (Connection c = postgres.dataSource(1).getConnection()) {
      // The first registration finds none: the worker is asked to look again soon.
      assertThat(idle.register(c, tables, QUEUE, now)).isEqualTo(now + PgIdle.RECHECK_MILLIS);
      assertThat(idleUntil(c)).isEqualTo(now + PgIdle.TTL);

      // Were a statement sent, it would find this lapsed row and write it again.
      setIdleUntil(c, 0);
      long standing = now + PgIdle.TTL / 2 - 1;
      assertThat(idle.due(QUEUE, standing)).isFalse();
      assertThat(idle.register(c, tables, QUEUE, standing)).isNull();
      assertThat(idleUntil(c)).isZero();

      // Half the time gone: written again, and the lapse it finds asks for a look soon.
      long half = now + PgIdle.TTL / 2;
      assertThat(idle.due(QUEUE, half)).isTrue();
      assertThat(idle.register(c, tables, QUEUE, half)).isEqualTo(half + PgIdle.RECHECK_MILLIS);
      assertThat(idleUntil(c)).isEqualTo(half + PgIdle.TTL);
    }
  }

  @Test
  void shouldLeaveAStandingRegistrationAndNotAskForALook() throws SQLException {
    postgres.backend().close();
    long now = 1_000_000;
    try (Connection c = postgres.dataSource(1).getConnection()) {
      new PgIdle().register(c, tables, QUEUE, now);
      // Another process, which has not seen it: the row stands, so nothing is written.
      PgIdle other = new PgIdle();
      assertThat(other.register(c, tables, QUEUE, now + 1)).isNull();
      assertThat(idleUntil(c)).isEqualTo(now + PgIdle.TTL);
      assertThat(other.due(QUEUE, now + 2)).isFalse();
    }
  }

  private long idleUntil(Connection c) throws SQLException {
    try (Statement statement = c.createStatement();
        ResultSet row =
            statement.executeQuery(
                tables.sql("SELECT idle_until FROM {queue} WHERE queue = '" + QUEUE + "'"))) {
      row.next();
      return row.getLong(1);
    }
  }

  private void setIdleUntil(Connection c, long until) throws SQLException {
    try (Statement statement = c.createStatement()) {
      statement.execute(
          tables.sql(
              "UPDATE {queue} SET idle_until = " + until + " WHERE queue = '" + QUEUE + "'"));
    }
  }
}
