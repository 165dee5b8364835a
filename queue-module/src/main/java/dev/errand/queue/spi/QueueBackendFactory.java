package dev.errand.queue.spi;

import com.google.inject.Injector;
import com.google.inject.Key;
import dev.errand.queue.QueueSettings;
import java.time.Clock;
import java.util.Set;

/**
 * A backend that lives in an artifact of its own and is selected by name with {@code JOBS_BACKEND},
 * found through {@link java.util.ServiceLoader} (a {@code
 * META-INF/services/dev.errand.queue.spi.QueueBackendFactory} entry). errand-queue-postgres
 * provides {@code postgres} this way, so errand-queue itself needs no JDBC driver or migration
 * tool.
 */
public interface QueueBackendFactory {

  /** The {@code JOBS_BACKEND} value that selects this backend, lower case: {@code postgres}. */
  String provider();

  /**
   * What the backend takes from an earlier adapter or a user module, such as the {@code DataSource}
   * DatabaseAdapter binds; the application checks the adapter order against it.
   */
  Set<Key<?>> requires();

  /**
   * The backend. Called while the injector is built, before any adapter starts, so it must not
   * connect yet: {@link #start} does.
   */
  QueueBackend create(Injector injector, QueueSettings settings, Clock clock);

  /**
   * Connects and prepares the storage as the queue adapter starts; a failure stops the start with
   * its message, which should name what is wrong and the fix.
   */
  default void start(QueueBackend backend) {}
}
