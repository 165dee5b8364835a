package dev.errand.testing.internal;

import com.google.inject.Key;
import com.google.inject.Module;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import dev.errand.cron.CronAdapter;
import dev.errand.cron.CronService;
import dev.errand.mailer.MailerAdapter;
import dev.errand.queue.QueueAdapter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One test's application and the kit's parts around it: the manual clock, the backend the queue
 * stores in, the drainer and the cron ticker. Built before each test, stopped after it.
 */
public final class TestApp implements AutoCloseable {

  private static final AtomicLong DATABASES = new AtomicLong();

  private final KitConfig config;
  private final ManualClock clock;
  private final KitBackend backend;
  private final QueueAdapter queue;
  private final ErrandApp app;
  private final CronTicker ticker;
  private final EnqueuedJobs enqueued;

  private TestApp(KitConfig config, Settings settings, ManualClock clock, KitBackend backend) {
    this.config = config;
    this.clock = clock;
    this.backend = backend;
    List<Adapter> adapters = List.copyOf(config.adapters().apply(settings));
    this.queue = configure(adapters, clock, backend);
    this.app =
        ErrandApp.builder()
            .settings(settings)
            .modules(config.modules().stream().map(m -> m.apply(clock)).toArray(Module[]::new))
            .adapters(adapters.toArray(Adapter[]::new))
            .shutdownHook(false)
            .start();
    boolean hasCron = app.injector().getExistingBinding(Key.get(CronService.class)) != null;
    this.ticker = new CronTicker(clock, hasCron ? app.get(CronService.class) : null);
    this.enqueued = new EnqueuedJobs(backend);
  }

  public static TestApp start(KitConfig config) {
    ManualClock clock = new ManualClock(config.start());
    KitBackend backend = new KitBackend(QueueAdapter.memoryBackend(clock), config.workers());
    return new TestApp(config, settings(config), clock, backend);
  }

  public ErrandApp app() {
    return app;
  }

  public ManualClock clock() {
    return clock;
  }

  public EnqueuedJobs enqueued() {
    return enqueued;
  }

  /**
   * Moves the clock by {@code duration}, firing the cron ticks it passes; see {@link CronTicker}.
   */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("Time only moves forward; got " + duration);
    }
    ticker.advanceTo(clock.instant().plus(duration));
  }

  /**
   * The test's settings: the kit's defaults, the test's own over them, then what the kit decides.
   * The environment is left out, so a test runs the same on every machine.
   */
  private static Settings settings(KitConfig config) {
    Map<String, String> values = new HashMap<>();
    values.put("MAIL_PROVIDER", "capture");
    // The embedded default database outlives the application; each test gets a fresh one.
    values.put("DATABASE_URL", "jdbc:h2:mem:errand-test-" + DATABASES.incrementAndGet());
    values.putAll(config.settings());
    values.put("JOBS_ENABLED", Boolean.toString(config.workers()));
    values.put("JOBS_BACKEND", "memory");
    values.put("CRON_ENABLED", "false"); // ticks fire when the test moves the clock
    return Settings.of(values);
  }

  /** Puts the application's layers on the test's clock and its queue on the kit's backend. */
  private static QueueAdapter configure(
      List<Adapter> adapters, ManualClock clock, KitBackend backend) {
    QueueAdapter found = null;
    for (Adapter adapter : adapters) {
      switch (adapter) {
        case QueueAdapter q -> found = q.withClock(clock).withBackend(backend);
        case CronAdapter c -> c.withClock(clock);
        case MailerAdapter m -> m.withClock(clock);
        default -> {}
      }
    }
    return found;
  }

  /** Runs the due jobs of every queue this application consumes; see {@link Drainer}. */
  public int drain() {
    Set<String> handled = queue().consumedQueues();
    return drainer().drain(() -> backend.queues().stream().filter(handled::contains).toList());
  }

  /** Runs the due jobs of one queue. */
  public int drain(String name) {
    if (!queue().consumedQueues().contains(name)) {
      throw new IllegalArgumentException(
          "No @Process method here handles queue '"
              + name
              + "' (handled: "
              + queue().consumedQueues()
              + "); its jobs stay enqueued, as in a process that only adds them");
    }
    return drainer().drain(() -> List.of(name));
  }

  private Drainer drainer() {
    if (config.workers()) {
      throw new IllegalStateException(
          "This test runs the application's workers (withWorkers()), so they run its jobs:"
              + " wait for them (QueueService.addAndWait, or Awaitility on QueueAdmin counts)"
              + " instead of drain()");
    }
    return new Drainer(backend, queue(), clock, config.drainLimit());
  }

  private QueueAdapter queue() {
    if (queue == null) {
      throw new IllegalStateException(
          "The test's adapters include no QueueAdapter, so there are no jobs to run");
    }
    return queue;
  }

  @Override
  public void close() {
    app.stop();
  }
}
