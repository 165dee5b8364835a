package dev.errand.database.spi;

import com.zaxxer.hikari.HikariConfig;

/**
 * Tunes the connection pool beyond the {@code DATABASE_*} settings (leak detection, connection
 * properties, a schema to start in), before it opens.
 *
 * <pre>{@code
 * new DatabaseAdapter()
 *     .withPoolCustomizer(pool -> pool.setLeakDetectionThreshold(30_000));
 * }</pre>
 */
@FunctionalInterface
public interface PoolCustomizer {

  /** Called once, after the settings were applied and before the first connection. */
  void customize(HikariConfig pool);
}
