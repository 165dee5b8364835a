package dev.errand.queue.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.errand.core.ErrandRedis;
import dev.errand.core.Health;
import dev.errand.queue.BackoffStrategy;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueEvents;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.RateLimit;
import dev.errand.queue.WorkflowService;
import dev.errand.queue.internal.outbox.OutboxOption;
import dev.errand.queue.internal.shard.QueueShards;
import dev.errand.queue.internal.shard.ShardedBackend;
import dev.errand.queue.internal.workflow.DefaultWorkflowService;
import dev.errand.queue.internal.workflow.WorkflowBackend;
import dev.errand.queue.spi.JobInterceptor;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.QueueBackendFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the queue adapter runs: the backend it binds and the services on it, and the {@link
 * WorkerFleet} of workers it starts on that backend. The adapter holds the configuration; this
 * class assembles and stops.
 */
public final class QueueRuntime {

  private static final Logger log = LoggerFactory.getLogger(QueueRuntime.class);

  /** What the adapter was configured with. */
  public record Config(
      QueueSettings settings,
      QueueBackend customBackend,
      Clock clock,
      Map<String, BackoffStrategy> strategies,
      Map<String, RateLimit> rateLimits,
      Map<String, RateLimit> groupRateLimits,
      Map<String, Integer> shards) {}

  private final Config config;
  private final ObjectMapper mapper;
  private final EventHub events;
  private final JobTypeCheck jobTypes;
  private final Interceptors interceptors;
  private final List<Runnable> unregister = new CopyOnWriteArrayList<>();
  private final Map<String, QueueMetricsRecorder> metrics = new ConcurrentHashMap<>();
  private final WorkerFleet fleet;
  private volatile QueueBackend backend;
  private volatile QueueBackend rawBackend;
  private final QueueShards configuredShards;
  private volatile QueueShards shards = QueueShards.of(Map.of());
  private final BackendChoice choice;
  private final OutboxOption outbox;

  public QueueRuntime(Config config, ObjectMapper mapper, EventHub events, JobTypeCheck jobTypes) {
    this(config, mapper, events, jobTypes, new Interceptors());
  }

  public QueueRuntime(
      Config config,
      ObjectMapper mapper,
      EventHub events,
      JobTypeCheck jobTypes,
      Interceptors interceptors) {
    this.interceptors = interceptors;
    this.config = config;
    this.choice = new BackendChoice(config);
    this.outbox =
        new OutboxOption(
            config.settings().source(),
            config.customBackend() != null
                || (config.settings().backend() != QueueSettings.Backend.MEMORY
                    && config.settings().backend() != QueueSettings.Backend.REDIS));
    this.mapper = mapper;
    this.events = events;
    this.configuredShards =
        QueueShards.of(
            queue -> config.settings().shards(queue, config.shards().getOrDefault(queue, 1)));
    this.jobTypes = jobTypes;
    this.fleet = new WorkerFleet(config, mapper, events, interceptors, metrics);
  }

  /** Binds the backend (privately), {@link QueueService}, {@link QueueAdmin} and events. */
  public Module module() {
    return new Bindings();
  }

  /** What the backend needs from earlier adapters (postgres: the DataSource). */
  public Set<Key<?>> requires() {
    Set<Key<?>> keys = new HashSet<>(choice.requires());
    keys.addAll(outbox.requires());
    return Set.copyOf(keys);
  }

  /**
   * Takes the backend the application built, which {@link #stop} closes, and, with {@code
   * runWorkers}, starts a worker for each queue {@code registry} has handlers for.
   */
  public void start(Injector injector, HandlerRegistry registry, boolean runWorkers) {
    backend = injector.getInstance(Key.get(QueueBackend.class, StoredIn.class));
    interceptors.collect(injector);
    if (OptionalLibraries.openTelemetry()) {
      JobTracing.registerIfBound(injector, interceptors);
    }
    ErrandRedis r = choice.redis();
    if (r != null) {
      r.requireReachable("QueueAdapter (JOBS_BACKEND=redis)");
    }
    QueueBackendFactory f = choice.factory();
    if (f != null) {
      f.start(rawBackend);
    }
    outbox.start();
    if (OptionalLibraries.micrometer()) {
      unregister.add(outbox.registerMeters(injector));
    }
    backend.historyRetention(config.settings().monitoring().historyRetention());
    if (!runWorkers) {
      log.info("JOBS_ENABLED is false: this process adds jobs but runs none");
      return;
    }
    fleet.start(injector, registry, backend, rawBackend, shards);
    List<String> queues = List.copyOf(registry.queues());
    log.info(
        "Queue workers started for {} queue(s) ({} backend): {}",
        queues.size(),
        choice.name(),
        queues.size() <= 10 ? queues : queues.subList(0, 10) + " and more");
  }

  /**
   * Stops every worker fetching at once, then gives their running jobs until {@code deadline}, and
   * closes the backend.
   */
  public void stop(Instant deadline) throws InterruptedException {
    // From here on System.nanoTime() times the deadline: a test's clock may stand still.
    long deadlineNanos =
        System.nanoTime() + Duration.between(config.clock().instant(), deadline).toNanos();
    fleet.stop(deadlineNanos);
    unregister.forEach(Runnable::run);
    unregister.clear();
    QueueBackend b = backend;
    if (b != null) {
      b.close();
    }
  }

  public Health health() {
    String what = fleet.size() + " worker(s), " + choice.name() + " backend";
    ErrandRedis r = choice.redis();
    if (r != null) {
      Health redisHealth = r.health();
      return redisHealth.up() ? outbox.health(Health.ok(what)) : Health.down(redisHealth.detail());
    }
    return outbox.health(Health.ok(what));
  }

  /**
   * What the layer runs, for the application's ready line: the queues consumed with their
   * concurrency (the first ten; per-tenant queues can number hundreds) and the backend.
   */
  public String summary(List<String> queues) {
    QueueSettings settings = config.settings();
    if (!settings.enabled()) {
      return "adds jobs, runs none: JOBS_ENABLED=false";
    }
    if (queues.isEmpty()) {
      return "no queue consumed";
    }
    List<String> named =
        queues.stream()
            .limit(10)
            .map(q -> q + " x" + settings.forQueue(q).concurrency() + shardsOf(q))
            .toList();
    String more = queues.size() > 10 ? " and " + (queues.size() - 10) + " more" : "";
    return "queues " + String.join(", ", named) + more + ", " + choice.name();
  }

  private String shardsOf(String queue) {
    int count = shards.count(queue);
    return count == 1 ? "" : " in " + count + " shards";
  }

  private final class Bindings extends AbstractModule {
    @Override
    protected void configure() {
      Multibinder.newSetBinder(binder(), JobInterceptor.class);
    }

    @Provides
    @Singleton
    @StoredIn
    QueueBackend backend(Provider<ErrandRedis> errandRedis, Injector injector) {
      rawBackend = choice.build(errandRedis, injector);
      if (rawBackend.allowsSharding()) {
        shards = configuredShards;
      }
      return outbox.wrap(
          new WorkflowBackend(new ShardedBackend(rawBackend, shards), rawBackend, config.clock()),
          injector,
          config.clock());
    }

    @Provides
    @Singleton
    WorkflowService workflowService(@StoredIn QueueBackend backend) {
      return new DefaultWorkflowService(backend, mapper, config.clock());
    }

    @Provides
    @Singleton
    QueueService queueService(@StoredIn QueueBackend backend) {
      return new DefaultQueueService(
          backend, mapper, config.clock(), events, jobTypes, interceptors);
    }

    @Provides
    @Singleton
    QueueAdmin queueAdmin(@StoredIn QueueBackend backend) {
      BiConsumer<String, String> removed = (queue, id) -> {};
      ToLongFunction<String> drain = backend.admin()::drain;
      if (backend instanceof WorkflowBackend steps) {
        removed = steps::removedByHand;
        drain = steps::drainByHand;
      }
      return new DefaultQueueAdmin(backend.admin(), metrics, removed, drain, outbox::metrics);
    }

    @Provides
    @Singleton
    QueueEvents queueEvents(@StoredIn QueueBackend backend) {
      return (queue, listener) -> backend.subscribe(queue, listener::on);
    }
  }
}
