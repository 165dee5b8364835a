package dev.errand.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import dev.errand.core.ComponentScanner;
import dev.errand.core.ErrandRedis;
import dev.errand.core.ErrandStartupException;
import dev.errand.core.Health;
import dev.errand.core.ScannedComponents;
import dev.errand.core.spi.Adapter;
import dev.errand.queue.internal.BackoffCalculator;
import dev.errand.queue.internal.DefaultQueueAdmin;
import dev.errand.queue.internal.DefaultQueueService;
import dev.errand.queue.internal.EventHub;
import dev.errand.queue.internal.HandlerRegistry;
import dev.errand.queue.internal.JobJson;
import dev.errand.queue.internal.MicrometerPresence;
import dev.errand.queue.internal.QueueMeters;
import dev.errand.queue.internal.QueueMetricsRecorder;
import dev.errand.queue.internal.QueueWorker;
import dev.errand.queue.internal.WorkerConfig;
import dev.errand.queue.internal.memory.MemoryBackend;
import dev.errand.queue.internal.redis.RedisBackend;
import dev.errand.queue.spi.QueueBackend;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue layer: finds {@link Job @Job} processor classes, binds {@link QueueService} and {@link
 * QueueAdmin}, and runs a worker per consumed queue.
 *
 * <pre>{@code
 * ErrandApp app = ErrandApp.builder()
 *     .adapters(
 *         new MailerAdapter(MailerSettings.fromEnv()),
 *         new QueueAdapter(QueueSettings.fromEnv(), "com.acme.jobs")
 *             .processors(AuditProcessor.class)
 *             .backoffStrategy("linear", (attempt, error) -> Duration.ofSeconds(10L * attempt))
 *             .rateLimit("email", RateLimit.of(100, Duration.ofSeconds(1)))
 *             .groupRateLimit("email", RateLimit.of(10, Duration.ofSeconds(1)))
 *             .listener(new JobListener() {
 *               @Override public void dead(JobEvent event) { alerts.page(event); }
 *             }))
 *     .start();
 * }</pre>
 *
 * <p>It also binds {@link QueueEvents}, to hear the events of jobs any process runs, and {@link
 * QueueAdmin}, whose {@link QueueAdmin#metrics} reports this process's workers; with Micrometer on
 * the classpath the same figures are published as {@code errand.queue.*} meters.
 *
 * <p>Processor classes are built by Guice; list the adapters providing what they inject (the
 * mailer, say) before this one, which the application checks. With {@code JOBS_ENABLED=false} no
 * worker starts and the process only adds jobs. On stop, workers stop fetching, give running jobs
 * {@code JOBS_SHUTDOWN_GRACE} to finish, and return the rest to waiting.
 */
public final class QueueAdapter implements Adapter {

  private static final Logger log = LoggerFactory.getLogger(QueueAdapter.class);

  private final QueueSettings settings;
  private final List<String> packages;
  private final Set<Class<?>> explicit = new LinkedHashSet<>();
  private final Map<String, BackoffStrategy> strategies = new LinkedHashMap<>();
  private final ObjectMapper mapper = JobJson.newMapper();
  private final List<QueueWorker> workers = new CopyOnWriteArrayList<>();
  private final EventHub events = new EventHub();
  private final List<Runnable> unregister = new CopyOnWriteArrayList<>();
  private final Map<String, RateLimit> rateLimits = new ConcurrentHashMap<>();
  private final Map<String, RateLimit> groupRateLimits = new ConcurrentHashMap<>();
  private final Map<String, QueueMetricsRecorder> metrics = new ConcurrentHashMap<>();
  private QueueBackend customBackend;
  private Clock clock = Clock.systemUTC();
  private ScannedComponents scanned;
  private HandlerRegistry registry;
  private QueueBackend backend;
  private ErrandRedis redis;

  /**
   * @param settings how the layer runs
   * @param packages packages to scan for {@code @Job} classes, sub-packages included
   */
  public QueueAdapter(QueueSettings settings, String... packages) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.packages = List.of(packages);
  }

  /** Registers processor classes that are not in a scanned package. */
  public QueueAdapter processors(Class<?>... types) {
    explicit.addAll(List.of(types));
    return this;
  }

  /** Registers a custom backoff that jobs and queues choose with {@link Backoff#custom}. */
  public QueueAdapter backoffStrategy(String name, BackoffStrategy strategy) {
    Objects.requireNonNull(strategy, "strategy");
    new Backoff.Custom(name);
    strategies.put(name, strategy);
    return this;
  }

  /**
   * Calls {@code listener} for the events of the jobs this process runs; listeners bound with a
   * Guice {@code Multibinder<JobListener>} are called too.
   */
  public QueueAdapter listener(JobListener listener) {
    events.addListener(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Starts at most {@code limit} jobs of {@code queue} across every process; {@code
   * JOBS_QUEUE_<QUEUE>_RATE_LIMIT} overrides it.
   */
  public QueueAdapter rateLimit(String queue, RateLimit limit) {
    rateLimits.put(QueueNames.check(queue), Objects.requireNonNull(limit, "limit"));
    return this;
  }

  /**
   * Starts at most {@code limit} jobs of {@code queue} for each {@link JobOptions#group()} across
   * every process; {@code JOBS_QUEUE_<QUEUE>_GROUP_RATE_LIMIT} overrides it.
   */
  public QueueAdapter groupRateLimit(String queue, RateLimit limit) {
    groupRateLimits.put(QueueNames.check(queue), Objects.requireNonNull(limit, "limit"));
    return this;
  }

  /** Stores jobs in {@code backend} instead of the one {@code JOBS_PROVIDER} names. */
  public QueueAdapter backend(QueueBackend backend) {
    this.customBackend = Objects.requireNonNull(backend, "backend");
    return this;
  }

  /** The clock deciding delays, leases and retries (the system clock by default). */
  public QueueAdapter clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  @Override
  public String name() {
    return "QueueAdapter";
  }

  @Override
  public Module module() {
    ScannedComponents components = scan();
    return binder -> {
      binder.install(components.module());
      binder.bind(QueueSettings.class).toInstance(settings);
      binder.install(new BackendModule());
      Multibinder.newSetBinder(binder, JobListener.class);
    };
  }

  @Override
  public Set<Key<?>> provides() {
    return Set.of(
        Key.get(QueueService.class), Key.get(QueueAdmin.class), Key.get(QueueEvents.class));
  }

  @Override
  public Set<Key<?>> uses() {
    return scan().dependencies();
  }

  @Override
  public void start(Injector injector) {
    registry.bind(injector);
    backend = injector.getInstance(QueueBackend.class);
    injector
        .getInstance(Key.get(new TypeLiteral<Set<JobListener>>() {}))
        .forEach(events::addListener);
    if (!settings.enabled()) {
      log.info("JOBS_ENABLED is false: this process adds jobs but runs none");
      return;
    }
    BackoffCalculator backoff = new BackoffCalculator(strategies);
    boolean meters = MicrometerPresence.available();
    for (String queue : registry.queues()) {
      QueueMetricsRecorder recorder = new QueueMetricsRecorder(queue, clock);
      backend.rateLimits(
          queue,
          settings.rateLimit(queue, rateLimits.get(queue)),
          settings.groupRateLimit(queue, groupRateLimits.get(queue)));
      QueueWorker worker =
          new QueueWorker(
              queue,
              registry.table(queue),
              backend,
              WorkerConfig.of(settings, queue),
              mapper,
              backoff,
              clock,
              events,
              recorder);
      recorder.inFlight(worker::inFlight);
      metrics.put(queue, recorder);
      if (meters) {
        unregister.add(QueueMeters.register(injector, recorder, queue));
      }
      workers.add(worker);
      worker.start();
    }
    log.info("Queue workers started for {} ({} backend)", registry.queues(), providerName());
  }

  @Override
  public void stop() throws InterruptedException {
    Instant deadline = clock.instant().plus(settings.shutdownGrace());
    workers.forEach(QueueWorker::stopFetching);
    for (QueueWorker worker : workers) {
      worker.awaitStop(deadline);
    }
    workers.clear();
    unregister.forEach(Runnable::run);
    unregister.clear();
    if (backend != null) {
      backend.close();
    }
  }

  @Override
  public Health health() {
    String what = workers.size() + " worker(s), " + providerName() + " backend";
    if (redis != null && customBackend == null) {
      Health redisHealth = redis.health();
      return redisHealth.up() ? Health.ok(what) : Health.down(redisHealth.detail());
    }
    return Health.ok(what);
  }

  private String providerName() {
    return customBackend != null
        ? customBackend.getClass().getSimpleName()
        : settings.provider().name().toLowerCase(Locale.ROOT);
  }

  private synchronized ScannedComponents scan() {
    if (scanned == null) {
      try {
        ScannedComponents components =
            ComponentScanner.builder()
                .packages(packages.toArray(String[]::new))
                .classes(explicit.toArray(Class<?>[]::new))
                .classAnnotation(Job.class)
                .methodAnnotation(Process.class)
                .scan();
        registry = HandlerRegistry.build(components, mapper);
        components.dependencies();
        scanned = components;
      } catch (IllegalArgumentException e) {
        throw new ErrandStartupException(name() + ": " + e.getMessage(), e);
      }
    }
    return scanned;
  }

  private final class BackendModule extends AbstractModule {
    @Provides
    @Singleton
    QueueBackend backend(Provider<ErrandRedis> errandRedis) {
      if (customBackend != null) {
        return customBackend;
      }
      return switch (settings.provider()) {
        case MEMORY -> new MemoryBackend(clock);
        case REDIS -> {
          redis = errandRedis.get();
          yield new RedisBackend(redis, settings.keyPrefix(), clock);
        }
      };
    }

    @Provides
    @Singleton
    QueueService queueService(QueueBackend backend) {
      return new DefaultQueueService(backend, mapper, clock, events);
    }

    @Provides
    @Singleton
    QueueAdmin queueAdmin(QueueBackend backend) {
      return new DefaultQueueAdmin(backend, metrics);
    }

    @Provides
    @Singleton
    QueueEvents queueEvents(QueueBackend backend) {
      return (queue, listener) -> backend.subscribe(queue, listener::on);
    }
  }
}
