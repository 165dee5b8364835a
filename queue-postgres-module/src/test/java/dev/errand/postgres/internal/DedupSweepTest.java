package dev.errand.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.postgres.TestPostgres;
import dev.errand.queue.Deduplication;
import dev.errand.queue.spi.JobDraft;
import dev.errand.testsupport.MutableClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deduplication keys that no longer stand are deleted; those that stand are kept. */
class DedupSweepTest {

  @RegisterExtension final TestPostgres postgres = new TestPostgres();

  @Test
  void shouldDeleteEndedWindowsAndKeysOfFinishedJobsOnly() throws SQLException {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    DataSource dataSource = postgres.dataSource(2);
    PostgresBackend backend = new PostgresBackend(dataSource, "errand_", clock);
    add(backend, Deduplication.throttle("ended", Duration.ofMinutes(1)));
    add(backend, Deduplication.throttle("open", Duration.ofHours(3)));
    String removed = add(backend, Deduplication.whileUnfinished("removed"));
    add(backend, Deduplication.whileUnfinished("waiting"));
    backend.admin().remove("reports", removed);

    clock.advance(Duration.ofHours(2));
    add(backend, Deduplication.throttle("later", Duration.ofMinutes(1)));

    assertThat(keys(dataSource)).containsExactly("later", "open", "waiting");
  }

  private static String add(PostgresBackend backend, Deduplication dedup) {
    JobDraft draft = new JobDraft("report", "{}", null, null, 0, null, null, dedup);
    return backend.add("reports", List.of(draft)).get(0);
  }

  private static List<String> keys(DataSource dataSource) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement select = c.createStatement();
        ResultSet rows = select.executeQuery("SELECT key FROM errand_dedup ORDER BY key")) {
      while (rows.next()) {
        keys.add(rows.getString(1));
      }
    }
    return keys;
  }
}
