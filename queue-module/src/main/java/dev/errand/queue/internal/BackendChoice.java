package dev.errand.queue.internal;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provider;
import dev.errand.core.ErrandRedis;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.internal.memory.MemoryBackend;
import dev.errand.queue.internal.redis.RedisBackend;
import dev.errand.queue.internal.redis.RedisQueueOptions;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.QueueBackendFactory;
import java.util.Locale;
import java.util.Set;

/**
 * The backend {@code JOBS_BACKEND} (or the application's own) names: built here, with what it needs
 * from earlier adapters and, for a backend in an artifact of its own, the factory found on the
 * classpath.
 */
final class BackendChoice {

  private final QueueRuntime.Config config;
  private QueueBackendFactory factory;
  private volatile ErrandRedis redis;

  BackendChoice(QueueRuntime.Config config) {
    this.config = config;
  }

  /**
   * What the backend needs from earlier adapters: nothing for memory and redis, what the factory of
   * a backend in its own artifact says (postgres: the DataSource).
   *
   * @throws dev.errand.core.ErrandStartupException naming the artifact a backend needs
   */
  Set<Key<?>> requires() {
    QueueBackendFactory f = factory();
    return f == null ? Set.of() : f.requires();
  }

  /** The factory of the backend {@code JOBS_BACKEND} names, when it lives in its own artifact. */
  synchronized QueueBackendFactory factory() {
    QueueSettings.Backend stored = config.settings().backend();
    if (factory == null
        && config.customBackend() == null
        && stored != QueueSettings.Backend.MEMORY
        && stored != QueueSettings.Backend.REDIS) {
      factory = BackendFactories.find(stored.name());
    }
    return factory;
  }

  QueueBackend build(Provider<ErrandRedis> errandRedis, Injector injector) {
    if (config.customBackend() != null) {
      return config.customBackend();
    }
    return switch (config.settings().backend()) {
      case MEMORY -> new MemoryBackend(config.clock());
      case REDIS -> {
        redis = errandRedis.get();
        QueueSettings settings = config.settings();
        yield new RedisBackend(
            redis,
            settings.keyPrefix(),
            config.clock(),
            new RedisQueueOptions(settings.redisReplicaAcks(), settings.addRetryWindow()));
      }
      default -> factory().create(injector, config.settings(), config.clock());
    };
  }

  /** The Redis client the backend uses, or null when it uses none. */
  ErrandRedis redis() {
    return redis;
  }

  String name() {
    return config.customBackend() != null
        ? config.customBackend().getClass().getSimpleName()
        : config.settings().backend().name().toLowerCase(Locale.ROOT);
  }
}
