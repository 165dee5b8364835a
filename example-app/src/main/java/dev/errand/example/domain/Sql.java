package dev.errand.example.domain;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** A thin layer over JDBC: parameter binding, row mapping and generated ids. */
@Singleton
public final class Sql {

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** Work done in one transaction; it gets the transaction's connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;

  // The connection of the transaction this thread is in, which every statement here then uses.
  private final ThreadLocal<Connection> current = new ThreadLocal<>();

  @Inject
  public Sql(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   * Statements run through this class inside it use the same connection, so the rows it writes and
   * the jobs it adds with {@code queue.inTransaction(connection)} exist together or not at all.
   */
  public <T> T transaction(Work<T> work) {
    if (current.get() != null) {
      throw new IllegalStateException("already in a transaction: nest the work instead");
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      current.set(c);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        current.remove();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Transaction failed: " + e.getMessage(), e);
    }
  }

  /** The transaction's connection, or a new one that the caller closes (see {@link Held}). */
  private Held hold() throws SQLException {
    Connection c = current.get();
    return c != null ? new Held(c, false) : new Held(dataSource.getConnection(), true);
  }

  /** A connection, closed after use unless it belongs to the thread's transaction. */
  private record Held(Connection connection, boolean owned) implements AutoCloseable {
    @Override
    public void close() throws SQLException {
      if (owned) {
        connection.close();
      }
    }
  }

  public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
    try (Held held = hold();
        PreparedStatement s = prepare(held.connection(), sql, params);
        ResultSet rows = s.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(mapper.map(rows));
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("Query failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
    List<T> rows = list(sql, mapper, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  public int update(String sql, Object... params) {
    try (Held held = hold();
        PreparedStatement s = prepare(held.connection(), sql, params)) {
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Update failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  /**
   * Inserts a row unless a unique constraint already holds one like it.
   *
   * @return true when the row was inserted, false when it was already there
   */
  public boolean insertOnce(String sql, Object... params) {
    try (Held held = hold();
        PreparedStatement s = prepare(held.connection(), sql, params)) {
      s.executeUpdate();
      return true;
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        return false;
      }
      throw new IllegalStateException("Insert failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  /** Runs an insert and returns the generated {@code id}. */
  public long insert(String sql, Object... params) {
    try (Held held = hold();
        PreparedStatement s = held.connection().prepareStatement(sql, new String[] {"id"})) {
      bind(s, params);
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new InvalidInputException("already exists: " + e.getMessage());
      }
      throw new IllegalStateException("Insert failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  public static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp value = row.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  public static LocalDate date(ResultSet row, String column) throws SQLException {
    java.sql.Date value = row.getDate(column);
    return value == null ? null : value.toLocalDate();
  }

  public static Long nullableLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    bind(s, params);
    return s;
  }

  private static void bind(PreparedStatement s, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object value = params[i];
      if (value instanceof Instant instant) {
        s.setTimestamp(i + 1, Timestamp.from(instant));
      } else if (value instanceof LocalDate date) {
        s.setDate(i + 1, java.sql.Date.valueOf(date));
      } else {
        s.setObject(i + 1, value);
      }
    }
  }
}
