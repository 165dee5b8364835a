package dev.errand.cron.internal.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.errand.cron.backend.TestDatabases;
import dev.errand.testsupport.PostgresSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ticker's statements on PostgreSQL read the schedules through their indexes, never a scan of
 * the table, over 50,000 schedules (some paused, most due later): the cost of a tick does not grow
 * with the number of schedules. Plans are taken as reused prepared statements get them.
 */
class PostgresSchedulePlanTest {

  private final PostgresSchema schema = PostgresSchema.create("plan");
  private final HikariDataSource dataSource = TestDatabases.postgres(schema.name());

  @BeforeEach
  void fill() throws SQLException {
    new PostgresScheduleStore(dataSource, "errand_").prepare();
    try (Connection c = dataSource.getConnection();
        Statement statement = c.createStatement()) {
      statement.execute(
          "INSERT INTO errand_schedule (id, definition, paused, next_run)"
              + " SELECT 'tenant-' || i, '{}', i % 10 = 0,"
              + " CASE WHEN i % 10 = 0 THEN NULL ELSE 1000000 + i * 60 END"
              + " FROM generate_series(1, 50000) AS i");
      statement.execute("ANALYZE errand_schedule");
    }
  }

  @AfterEach
  void drop() {
    dataSource.close();
    schema.close();
  }

  @Test
  void shouldFindAndClaimDueTicksThroughTheIndexes() throws SQLException {
    String due = explain(PostgresClaimSql.due("errand_schedule"), 1_000_600L, 1000);
    assertThat(due).contains("errand_schedule_next").doesNotContain("Seq Scan");

    String claim =
        explain(
            PostgresClaimSql.claim("errand_schedule"),
            new String[] {"tenant-1", "tenant-2"},
            new Long[] {1_000_060L, 1_000_120L},
            new Long[] {1_000_120L, 1_000_180L},
            new Long[] {1_000_060L, null});
    assertThat(claim)
        .contains("Index Scan using errand_schedule")
        .doesNotContain("Seq Scan on errand");
  }

  private String explain(String sql, Object... values) throws SQLException {
    List<String> plan = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      try (Statement statement = c.createStatement()) {
        statement.execute("SET plan_cache_mode = force_generic_plan");
      }
      try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + sql)) {
        for (int i = 0; i < values.length; i++) {
          if (values[i] instanceof String[] texts) {
            explain.setArray(i + 1, c.createArrayOf("text", texts));
          } else if (values[i] instanceof Long[] numbers) {
            explain.setArray(i + 1, c.createArrayOf("bigint", numbers));
          } else {
            explain.setObject(i + 1, values[i]);
          }
        }
        try (ResultSet rows = explain.executeQuery()) {
          while (rows.next()) {
            plan.add(rows.getString(1));
          }
        }
      }
    }
    return String.join("\n", plan);
  }
}
