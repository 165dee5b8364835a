package dev.errand.database;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import dev.errand.core.Health;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import dev.errand.core.spi.AdapterSetup;
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
 *     .adapters(new DatabaseAdapter(), ...)     // DATABASE_* from the app's settings
 *     .start();
 * }</pre>
 *
 * <p>With no {@code DATABASE_URL} it runs an embedded in-memory H2 database; a {@code
 * jdbc:postgresql:} URL selects PostgreSQL. Health is {@code SELECT 1}; the pool closes on stop. It
 * comes first in the adapter list: the other layers may keep their own tables in it.
 */
public final class DatabaseAdapter implements Adapter {

  private static final Logger log = LoggerFactory.getLogger(DatabaseAdapter.class);

  private final AdapterSetup<DatabaseSettings> setup;
  private final List<PoolCustomizer> customizers = new ArrayList<>();
  private PooledDataSource pool;
  private volatile boolean started;

  /** The database {@code settings} describe; they win over the application's. */
  public DatabaseAdapter(DatabaseSettings settings) {
    this.setup = AdapterSetup.given(name(), settings);
  }

  /**
   * The database the application's {@code DATABASE_*} settings describe ({@code
   * ErrandApp.builder().settings(..)}, the environment by default): embedded H2 without {@code
   * DATABASE_URL}.
   */
  public DatabaseAdapter() {
    this.setup = AdapterSetup.fromApp(name(), DatabaseSettings::from);
  }

  /** Tunes the pool beyond the settings before it opens; see {@link PoolCustomizer}. */
  public DatabaseAdapter withPoolCustomizer(PoolCustomizer customizer) {
    setup.checkChangeable("withPoolCustomizer");
    customizers.add(Objects.requireNonNull(customizer, "customizer"));
    return this;
  }

  @Override
  public String name() {
    return "DatabaseAdapter";
  }

  @Override
  public void attach(Settings appSettings) {
    setup.attach(appSettings);
  }

  @Override
  public Module module() {
    DataSource dataSource = pool().dataSource();
    return binder -> binder.bind(DataSource.class).toInstance(dataSource);
  }

  @Override
  public Set<Key<?>> provides() {
    return Set.of(Key.get(DataSource.class));
  }

  @Override
  public void start(Injector injector) {
    pool().open(customizers);
    int applied = pool().migrate();
    started = true;
    log.info(
        "Database ready at {} ({} migration(s) applied)", setup.settings().redactedUrl(), applied);
  }

  @Override
  public synchronized void stop() {
    if (pool != null) {
      pool.close();
    }
  }

  @Override
  public Health health() {
    return started ? pool().health() : Health.notStarted();
  }

  /** Made when the settings are known: once the application is built. */
  private synchronized PooledDataSource pool() {
    if (pool == null) {
      pool = new PooledDataSource(setup.settings());
    }
    return pool;
  }
}
