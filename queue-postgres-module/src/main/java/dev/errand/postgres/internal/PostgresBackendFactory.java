package dev.errand.postgres.internal;

import com.google.inject.Injector;
import com.google.inject.Key;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.QueueBackendFactory;
import java.time.Clock;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@code JOBS_BACKEND=postgres}: the backend on the DataSource DatabaseAdapter binds, its tables
 * under {@code JOBS_TABLE_PREFIX}, created as the queue adapter starts.
 */
public final class PostgresBackendFactory implements QueueBackendFactory {

  /** The default table prefix. */
  public static final String DEFAULT_PREFIX = "errand_";

  @Override
  public String provider() {
    return "postgres";
  }

  @Override
  public Set<Key<?>> requires() {
    return Set.of(Key.get(DataSource.class));
  }

  @Override
  public QueueBackend create(Injector injector, QueueSettings settings, Clock clock) {
    String prefix = settings.source().string("JOBS_TABLE_PREFIX", DEFAULT_PREFIX);
    return new PostgresBackend(injector.getInstance(DataSource.class), prefix, clock);
  }

  @Override
  public void start(QueueBackend backend) {
    ((PostgresBackend) backend).prepare();
  }
}
