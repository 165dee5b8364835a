package dev.errand.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import dev.errand.core.ComponentScanner;
import dev.errand.core.ErrandStartupException;
import dev.errand.core.Health;
import dev.errand.core.ScannedComponents;
import dev.errand.core.spi.Adapter;
import dev.errand.queue.internal.EventHub;
import dev.errand.queue.internal.HandlerCall;
import dev.errand.queue.internal.HandlerRegistry;
import dev.errand.queue.internal.JobJson;
import dev.errand.queue.internal.QueueRuntime;
import dev.errand.queue.internal.memory.MemoryBackend;
import dev.errand.queue.spi.QueueBackend;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
  private final EventHub events = new EventHub();
  private final Map<String, RateLimit> rateLimits = new ConcurrentHashMap<>();
  private final Map<String, RateLimit> groupRateLimits = new ConcurrentHashMap<>();
  private final Map<String, List<String>> sameHandlers = new LinkedHashMap<>();
  private QueueBackend customBackend;
  private Clock clock = Clock.systemUTC();
  private ScannedComponents scanned;
  private HandlerRegistry registry;
  private QueueRuntime runtime;
  private volatile boolean handlersBound;

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

  /**
   * Consumes each of {@code queues} with the handlers of {@code @Job(queue)}: for per-tenant or
   * per-customer queues, one processor class serves any number of queues. Each is a queue of its
   * own, with a worker, rate limits and {@code JOBS_QUEUE_<QUEUE>_*} settings of its own (not
   * {@code queue}'s). Add to one by name, {@code add("tenant-42", "sync", payload)}, or through a
   * {@link JobType} made for it. Start fails, naming the queue, when {@code queue} has no handlers,
   * or one of {@code queues} has handlers of its own or is listed twice.
   *
   * <pre>{@code
   * new QueueAdapter(settings, "com.acme.jobs")
   *     .sameHandlers("tenant", tenants.stream().map(t -> "tenant-" + t.id()).toList())
   * }</pre>
   */
  public QueueAdapter sameHandlers(String queue, Collection<String> queues) {
    List<String> names = queues.stream().map(QueueNames::check).toList();
    sameHandlers.computeIfAbsent(QueueNames.check(queue), q -> new ArrayList<>()).addAll(names);
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
    QueueRuntime built = runtime();
    return binder -> {
      binder.install(components.module());
      binder.bind(QueueSettings.class).toInstance(settings);
      binder.install(built.module());
      Multibinder.newSetBinder(binder, JobListener.class);
    };
  }

  @Override
  public Set<Key<?>> provides() {
    return Set.of(
        Key.get(QueueService.class), Key.get(QueueAdmin.class), Key.get(QueueEvents.class));
  }

  @Override
  public Set<Key<?>> requires() {
    return runtime().requires();
  }

  @Override
  public Set<Key<?>> uses() {
    return scan().dependencies();
  }

  @Override
  public void start(Injector injector) {
    registry.bind(injector);
    handlersBound = true;
    injector
        .getInstance(Key.get(new TypeLiteral<Set<JobListener>>() {}))
        .forEach(events::addListener);
    runtime().start(injector, registry, settings.enabled());
  }

  @Override
  public void stop() throws InterruptedException {
    if (runtime != null) {
      runtime.stop(clock.instant().plus(settings.shutdownGrace()));
    }
  }

  @Override
  public Health health() {
    return runtime().health();
  }

  @Override
  public String summary() {
    return runtime().summary(registry == null ? List.of() : List.copyOf(registry.queues()));
  }

  /** The memory backend on {@code clock}, for code that keeps it, as errand-testing's kit does. */
  public static QueueBackend memoryBackend(Clock clock) {
    return new MemoryBackend(Objects.requireNonNull(clock, "clock"));
  }

  /** The queues this adapter found {@link Process @Process} handlers for: those its workers run. */
  public Set<String> consumedQueues() {
    scan();
    return Collections.unmodifiableSet(new LinkedHashSet<>(registry.queues()));
  }

  /**
   * Calls the handler of job {@code name} of {@code queue} in the calling thread, as a worker
   * would: {@code payloadJson} read into the handler's payload type, the processor the one Guice
   * built. Workers do not come through here; it is for code that runs jobs itself, such as
   * errand-testing's {@code drain()}, which leases and acknowledges through the backend around it.
   *
   * @return what the handler returned
   * @throws IllegalStateException before the adapter has started
   * @throws IllegalArgumentException when no handler here takes the job, or its payload does not
   *     map to the handler's type
   * @throws Exception what the handler threw, as it threw it
   */
  public Object runHandler(String queue, String name, String payloadJson, JobContext job)
      throws Exception {
    if (!handlersBound) {
      throw new IllegalStateException(
          "QueueAdapter has not started: start the application before running a handler");
    }
    return HandlerCall.run(registry, mapper, queue, name, payloadJson, job);
  }

  /** Built once, when the configuration is complete: at the first module(), start or health. */
  private synchronized QueueRuntime runtime() {
    if (runtime == null) {
      runtime =
          new QueueRuntime(
              new QueueRuntime.Config(
                  settings,
                  customBackend,
                  clock,
                  Map.copyOf(strategies),
                  Map.copyOf(rateLimits),
                  Map.copyOf(groupRateLimits)),
              mapper,
              events);
    }
    return runtime;
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
        registry = HandlerRegistry.build(components, mapper).withSameHandlers(sameHandlers);
        components.dependencies();
        scanned = components;
        if (!packages.isEmpty() && registry.queues().isEmpty()) {
          log.warn(
              "QueueAdapter scanned {} and found no @Job class with a @Process method: check the"
                  + " package names (sub-packages are scanned too)",
              packages);
        }
      } catch (IllegalArgumentException e) {
        throw new ErrandStartupException(name() + ": " + e.getMessage(), e);
      }
    }
    return scanned;
  }
}
