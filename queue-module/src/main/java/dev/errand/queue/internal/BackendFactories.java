package dev.errand.queue.internal;

import dev.errand.core.ErrandStartupException;
import dev.errand.queue.spi.QueueBackendFactory;
import java.util.Locale;
import java.util.ServiceLoader;

/** Finds the {@link QueueBackendFactory} of a backend that lives in an artifact of its own. */
final class BackendFactories {

  private BackendFactories() {}

  /**
   * The factory for {@code provider} ({@code postgres}), from the classpath.
   *
   * @throws ErrandStartupException naming the artifact to add when none is there
   */
  static QueueBackendFactory find(String provider) {
    String name = provider.toLowerCase(Locale.ROOT);
    for (QueueBackendFactory factory : ServiceLoader.load(QueueBackendFactory.class)) {
      if (factory.provider().equals(name)) {
        return factory;
      }
    }
    throw new ErrandStartupException(
        "QueueAdapter: JOBS_BACKEND="
            + name
            + " needs the errand-queue-"
            + name
            + " artifact on the classpath, and it is not there: add the dependency"
            + " dev.errand:errand-queue-"
            + name
            + " (its version comes from errand-bom), or choose memory or redis");
  }
}
