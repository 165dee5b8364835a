package dev.errand.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import dev.errand.core.Health;
import dev.errand.core.ScannedComponents;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import dev.errand.core.spi.AdapterSetup;
import dev.errand.queue.internal.EventHub;
import dev.errand.queue.internal.HandlerCall;
import dev.errand.queue.internal.Interceptors;
import dev.errand.queue.internal.JobJson;
import dev.errand.queue.internal.ProcessorScan;
import dev.errand.queue.internal.QueueRuntime;
import dev.errand.queue.internal.memory.MemoryBackend;
import dev.errand.queue.spi.JobInterceptor;
import dev.errand.queue.spi.QueueBackend;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The queue layer: finds {@link Job @Job} processor classes, binds {@link QueueService} and {@link
 * QueueAdmin}, and runs a worker per consumed queue.
 *
 * <pre>{@code
 * ErrandApp app = ErrandApp.builder()
 *     .adapters(
 *         new MailerAdapter(),
 *         new QueueAdapter("com.acme.jobs")       // JOBS_* from the app's settings
 *             .withClasses(AuditProcessor.class)
 *             .withBackoffStrategy("linear", (attempt, error) -> Duration.ofSeconds(10L * attempt))
 *             .withRateLimit("email", RateLimit.of(100, Duration.ofSeconds(1)))
 *             .withGroupRateLimit("email", RateLimit.of(10, Duration.ofSeconds(1)))
 *             .withListener(new JobListener() {
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

  private final AdapterSetup<QueueSettings> setup;
  private final QueueAdapterConfig config;
  private final ObjectMapper mapper = JobJson.newMapper();
  private final EventHub events = new EventHub();
  private final Interceptors interceptors = new Interceptors();
  private ProcessorScan found;
  private QueueRuntime runtime;
  private volatile boolean handlersBound;

  /**
   * @param settings how the layer runs; they win over the application's {@code JOBS_*} settings
   * @param packages packages to scan for {@code @Job} classes, sub-packages included
   */
  public QueueAdapter(QueueSettings settings, String... packages) {
    this.setup = AdapterSetup.given(name(), settings);
    this.config = new QueueAdapterConfig(packages);
  }

  /**
   * Runs with the application's {@code JOBS_*} settings ({@code ErrandApp.builder().settings(..)}).
   *
   * @param packages packages to scan for {@code @Job} classes, sub-packages included
   */
  public QueueAdapter(String... packages) {
    this.setup = AdapterSetup.fromApp(name(), QueueSettings::from);
    this.config = new QueueAdapterConfig(packages);
  }

  /** Registers {@code @Job} classes that are not in a scanned package. */
  public QueueAdapter withClasses(Class<?>... types) {
    setup.checkChangeable("withClasses");
    config.classes(types);
    return this;
  }

  /**
   * Consumes each of {@code queues} (a queue per tenant, say) with the handlers of
   * {@code @Job(queue)}. Each is a queue of its own, with a worker, rate limits and {@code
   * JOBS_QUEUE_<QUEUE>_*} settings of its own. Start fails, naming the queue, when {@code queue}
   * has no handlers, or one of {@code queues} has handlers of its own or is listed twice.
   */
  public QueueAdapter withSameHandlers(String queue, Collection<String> queues) {
    setup.checkChangeable("withSameHandlers");
    config.sameHandlers(queue, queues);
    return this;
  }

  /**
   * Queues this application adds to but other applications consume: a {@link JobType} constant
   * pointing at one is expected, where for any other queue no {@code @Job} class here consumes,
   * start warns (a typo in the queue name, most often).
   */
  public QueueAdapter withQueuesConsumedElsewhere(String... queues) {
    setup.checkChangeable("withQueuesConsumedElsewhere");
    config.consumedElsewhere(queues);
    return this;
  }

  /** Registers a custom backoff that jobs and queues choose with {@link Backoff#custom}. */
  public QueueAdapter withBackoffStrategy(String name, BackoffStrategy strategy) {
    setup.checkChangeable("withBackoffStrategy");
    config.backoff(name, strategy);
    return this;
  }

  /**
   * Calls {@code listener} for the events of the jobs this process runs; listeners bound with a
   * Guice {@code Multibinder<JobListener>} are called too.
   */
  public QueueAdapter withListener(JobListener listener) {
    setup.checkChangeable("withListener");
    events.addListener(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Runs {@code interceptor} around each add and each handler run, after those registered before it
   * of the same {@link JobInterceptor#order()}; a Guice {@code Multibinder<JobInterceptor>} adds
   * more.
   */
  public QueueAdapter withInterceptor(JobInterceptor interceptor) {
    setup.checkChangeable("withInterceptor");
    interceptors.register(Objects.requireNonNull(interceptor, "interceptor"));
    return this;
  }

  /**
   * Starts at most {@code limit} jobs of {@code queue} across every process; {@code
   * JOBS_QUEUE_<QUEUE>_RATE_LIMIT} overrides it.
   */
  public QueueAdapter withRateLimit(String queue, RateLimit limit) {
    setup.checkChangeable("withRateLimit");
    config.rateLimit(queue, limit);
    return this;
  }

  /**
   * Starts at most {@code limit} jobs of {@code queue} for each {@link JobOptions#group()} across
   * every process; {@code JOBS_QUEUE_<QUEUE>_GROUP_RATE_LIMIT} overrides it.
   */
  public QueueAdapter withGroupRateLimit(String queue, RateLimit limit) {
    setup.checkChangeable("withGroupRateLimit");
    config.groupRateLimit(queue, limit);
    return this;
  }

  /**
   * Spreads {@code queue} over {@code count} shards (1 to 64), so that one busy queue uses every
   * master of a Redis Cluster; {@code JOBS_QUEUE_<QUEUE>_SHARDS} overrides it. Every process that
   * adds to or consumes the queue must use the same count. See the README for what order is kept.
   */
  public QueueAdapter withShards(String queue, int count) {
    setup.checkChangeable("withShards");
    config.shards(queue, count);
    return this;
  }

  /** Stores jobs in {@code backend} instead of the one {@code JOBS_BACKEND} names. */
  public QueueAdapter withBackend(QueueBackend backend) {
    setup.checkChangeable("withBackend");
    config.backend(backend);
    return this;
  }

  /** The clock deciding delays, leases and retries (the system clock by default). */
  public QueueAdapter withClock(Clock clock) {
    setup.checkChangeable("withClock");
    config.clock(clock);
    return this;
  }

  @Override
  public String name() {
    return "QueueAdapter";
  }

  @Override
  public void attach(Settings appSettings) {
    setup.attach(appSettings);
  }

  @Override
  public Module module() {
    ScannedComponents components = scan().components();
    QueueRuntime built = runtime();
    return binder -> {
      binder.install(components.module());
      binder.bind(QueueSettings.class).toInstance(setup.settings());
      binder.install(built.module());
      Multibinder.newSetBinder(binder, JobListener.class);
    };
  }

  @Override
  public Set<Key<?>> provides() {
    return Set.of(
        Key.get(QueueService.class),
        Key.get(QueueAdmin.class),
        Key.get(QueueEvents.class),
        Key.get(WorkflowService.class));
  }

  @Override
  public Set<Key<?>> requires() {
    return runtime().requires();
  }

  @Override
  public Set<Key<?>> uses() {
    return scan().components().dependencies();
  }

  @Override
  public void start(Injector injector) {
    scan().registry().bind(injector);
    handlersBound = true;
    injector
        .getInstance(Key.get(new TypeLiteral<Set<JobListener>>() {}))
        .forEach(events::addListener);
    runtime().start(injector, scan().registry(), setup.settings().enabled());
  }

  @Override
  public void stop() throws InterruptedException {
    if (runtime != null) {
      runtime.stop(config.clock().instant().plus(setup.settings().shutdownGrace()));
    }
  }

  @Override
  public Health health() {
    return handlersBound ? runtime().health() : Health.notStarted();
  }

  @Override
  public String summary() {
    return runtime().summary(List.copyOf(scan().registry().queues()));
  }

  /**
   * The embedded backend {@code JOBS_BACKEND=memory} selects, on {@code clock}: for code that keeps
   * a reference to the backend it passes to {@link #withBackend}, as errand-testing's kit does to
   * run jobs in a test's own thread.
   */
  public static QueueBackend memoryBackend(Clock clock) {
    return new MemoryBackend(Objects.requireNonNull(clock, "clock"));
  }

  /** The queues this adapter found {@link Process @Process} handlers for: those its workers run. */
  public Set<String> consumedQueues() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(scan().registry().queues()));
  }

  /**
   * Calls the handler of job {@code name} of {@code queue} in the calling thread, as a worker would
   * (inside the application's {@link dev.errand.queue.spi.JobInterceptor interceptors}, which see
   * {@code job}), and returns its result: for code that runs jobs itself, such as errand-testing's
   * {@code drain()}. Fails with an IllegalStateException before start, an IllegalArgumentException
   * when no handler takes the job or its payload does not map, the handler's own exception, and an
   * interceptor's failure naming it.
   */
  public Object runHandler(String queue, String name, String payloadJson, JobContext job)
      throws Exception {
    if (!handlersBound) {
      throw new IllegalStateException(
          "QueueAdapter has not started: start the application before running a handler");
    }
    return HandlerCall.run(scan().registry(), mapper, queue, name, payloadJson, job, interceptors);
  }

  /** Built once, when the configuration is complete: at the first module(). */
  private synchronized QueueRuntime runtime() {
    if (runtime == null) {
      runtime =
          new QueueRuntime(
              config.runtimeConfig(setup.settings()),
              mapper,
              events,
              scan().jobTypes(),
              interceptors);
    }
    return runtime;
  }

  private synchronized ProcessorScan scan() {
    if (found == null) {
      found = config.scan(mapper);
    }
    return found;
  }
}
