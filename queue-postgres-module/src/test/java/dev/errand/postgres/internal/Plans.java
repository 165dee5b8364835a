package dev.errand.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Plans of statements as reused prepared statements get them (generic plans, parameters unknown),
 * for tests that hold the hot statements to their indexes.
 */
final class Plans {

  private Plans() {}

  /** The EXPLAIN of {@code template} (see {@link Tables#sql}); arrays are bound as SQL arrays. */
  static String explain(DataSource dataSource, Tables tables, String template, Object... values)
      throws SQLException {
    List<String> plan = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      try (Statement statement = c.createStatement()) {
        statement.execute("SET plan_cache_mode = force_generic_plan");
      }
      try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + tables.sql(template))) {
        for (int i = 0; i < values.length; i++) {
          Object value = values[i];
          switch (value) {
            case String[] texts -> explain.setArray(i + 1, c.createArrayOf("text", texts));
            case Integer[] ints -> explain.setArray(i + 1, c.createArrayOf("int4", ints));
            case Boolean[] flags -> explain.setArray(i + 1, c.createArrayOf("boolean", flags));
            case null, default -> explain.setObject(i + 1, value);
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
