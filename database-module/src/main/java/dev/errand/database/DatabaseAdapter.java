package dev.errand.database;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import dev.errand.core.Health;
import dev.errand.core.spi.Adapter;
import dev.errand.database.internal.PooledDataSource;
import dev.errand.database.spi.PoolCustomizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database layer: binds a pooled {@link DataSource} (HikariCP) and runs the application's
 * Flyway migrations at start.
 *
 * <pre>{@code
 * ErrandApp.builder()
 *     .adapters(new DatabaseAdapter(DatabaseSettings.fromEnv()), ...)
 *     .start();
 * }</pre>
 *
 * <p>With no {@code DATABASE_URL} it runs an embedded in-memory H2 database; a {@code
 * jdbc:postgresql:} URL selects PostgreSQL. Health is {@code SELECT 1}; the pool closes on stop. It
 * comes first in the adapter list: the other layers may keep their own tables in it.
 */
public final class DatabaseAdapter implements Adapter {

  private static final Logger log = LoggerFactory.getLogger(DatabaseAdapter.class);

  private final DatabaseSettings settings;
  private final List<PoolCustomizer> customizers = new ArrayList<>();
  private final PooledDataSource pool;

  public DatabaseAdapter(DatabaseSettings settings) {
    this.settings = settings;
    this.pool = new PooledDataSource(settings);
  }

  /** The embedded H2 database, or whatever {@code DATABASE_URL} names. */
  public DatabaseAdapter() {
    this(DatabaseSettings.fromEnv());
  }

  /** Tunes the pool beyond the settings before it opens; see {@link PoolCustomizer}. */
  public DatabaseAdapter withPoolCustomizer(PoolCustomizer customizer) {
    customizers.add(Objects.requireNonNull(customizer, "customizer"));
    return this;
  }

  @Override
  public String name() {
    return "DatabaseAdapter";
  }

  @Override
  public Module module() {
    return binder -> binder.bind(DataSource.class).toInstance(pool.dataSource());
  }

  @Override
  public Set<Key<?>> provides() {
    return Set.of(Key.get(DataSource.class));
  }

  @Override
  public void start(Injector injector) {
    pool.open(customizers);
    int applied = pool.migrate();
    log.info("Database ready at {} ({} migration(s) applied)", settings.redactedUrl(), applied);
  }

  @Override
  public void stop() {
    pool.close();
  }

  @Override
  public Health health() {
    return pool.health();
  }
}
