package dev.errand.cron;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import dev.errand.core.ComponentScanner;
import dev.errand.core.ErrandRedis;
import dev.errand.core.Health;
import dev.errand.core.ScannedComponents;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import dev.errand.core.spi.AdapterSetup;
import dev.errand.cron.internal.CronControl;
import dev.errand.cron.internal.CronJob;
import dev.errand.cron.internal.CronJobFactory;
import dev.errand.cron.internal.CronScheduler;
import dev.errand.cron.internal.DeferredCronService;
import dev.errand.cron.internal.DeferredJobSchedules;
import dev.errand.cron.internal.HistoryRetention;
import dev.errand.cron.internal.Instances;
import dev.errand.cron.internal.ScheduleParser;
import dev.errand.cron.internal.jdbc.JdbcCronStore;
import dev.errand.cron.internal.local.LocalCronStore;
import dev.errand.cron.internal.redis.RedisCronStore;
import dev.errand.cron.internal.schedules.ScheduleService;
import dev.errand.cron.internal.schedules.ScheduleStores;
import dev.errand.cron.internal.schedules.ScheduleTicker;
import dev.errand.cron.spi.CronStore;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.queue.QueueService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cron layer: finds {@link Cron} methods, fires their ticks once across all instances, keeps
 * their run history and binds {@link CronService}.
 *
 * <p>List it after the adapters that provide what the cron classes inject (the queue adapter when
 * jobs dispatch to queues, the database adapter for the JDBC store); the application checks the
 * order. Ticks begin only once the whole application has started, and on stop running jobs get
 * {@code CRON_SHUTDOWN_GRACE} to finish.
 *
 * <pre>{@code
 * ErrandApp app = ErrandApp.builder()
 *     .adapters(
 *         new DatabaseAdapter(),
 *         new QueueAdapter("com.acme.jobs"),
 *         new CronAdapter("com.acme.cron"))       // CRON_* from the app's settings
 *     .start();
 * app.get(CronService.class).trigger("TaskCronJobs.overdueReminders");
 * }</pre>
 */
public final class CronAdapter implements Adapter {

  private static final Logger log = LoggerFactory.getLogger(CronAdapter.class);

  private final AdapterSetup<CronSettings> setup;
  private final List<String> packages;
  private final List<Class<?>> classes = new ArrayList<>();
  private final DeferredCronService service = new DeferredCronService();
  private final DeferredJobSchedules schedules = new DeferredJobSchedules();
  private ScheduleStore customScheduleStore;
  private ScheduleTicker ticker;
  private Clock clock = Clock.systemUTC();
  private CronStore customStore;
  private ScannedComponents scanned;
  private CronScheduler scheduler;

  /**
   * Scans {@code packages} (and their sub-packages) for classes with {@link Cron} methods, running
   * with {@code settings}, which win over the application's {@code CRON_*} settings.
   */
  public CronAdapter(CronSettings settings, String... packages) {
    this.setup = AdapterSetup.given(name(), settings);
    this.packages = List.of(packages);
  }

  /**
   * Scans {@code packages} (and their sub-packages) for classes with {@link Cron} methods, running
   * with the application's {@code CRON_*} settings ({@code ErrandApp.builder().settings(..)}).
   */
  public CronAdapter(String... packages) {
    this.setup = AdapterSetup.fromApp(name(), CronSettings::from);
    this.packages = List.of(packages);
  }

  /** Adds classes with {@link Cron} methods that sit outside the scanned packages. */
  public CronAdapter withClasses(Class<?>... types) {
    setup.checkChangeable("withClasses");
    classes.addAll(List.of(types));
    return this;
  }

  /** The clock that decides ticks and timestamps (tests pass a controlled one). */
  public CronAdapter withClock(Clock value) {
    setup.checkChangeable("withClock");
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  /** A store of your own in place of the one {@code CRON_STORE} selects. */
  public CronAdapter withStore(CronStore store) {
    setup.checkChangeable("withStore");
    this.customStore = Objects.requireNonNull(store, "store");
    return this;
  }

  /**
   * A store of your own for {@link JobSchedules} in place of the one that follows the queue's
   * backend (memory or Redis).
   */
  public CronAdapter withScheduleStore(ScheduleStore store) {
    setup.checkChangeable("withScheduleStore");
    this.customScheduleStore = Objects.requireNonNull(store, "store");
    return this;
  }

  @Override
  public String name() {
    return "CronAdapter";
  }

  @Override
  public void attach(Settings appSettings) {
    setup.attach(appSettings);
  }

  @Override
  public Module module() {
    ScannedComponents found = scanned();
    return binder -> {
      binder.install(found.module());
      binder.bind(CronService.class).toInstance(service);
      binder.bind(JobSchedules.class).toInstance(schedules);
    };
  }

  @Override
  public Set<Key<?>> provides() {
    return Set.of(Key.get(CronService.class), Key.get(JobSchedules.class));
  }

  @Override
  public Set<Key<?>> requires() {
    return customStore == null && setup.settings().store() == CronSettings.Store.JDBC
        ? Set.of(Key.get(DataSource.class))
        : Set.of();
  }

  @Override
  public Set<Key<?>> uses() {
    // The queue that runtime schedules add their jobs to, when the application has one.
    Set<Key<?>> used = new HashSet<>(scanned().dependencies());
    used.add(Key.get(QueueService.class));
    return used;
  }

  @Override
  public void start(Injector injector) {
    Settings appSettings = injector.getInstance(Settings.class);
    CronStore store = customStore != null ? customStore : store(injector);
    CronJobFactory factory = new CronJobFactory(appSettings);
    List<CronJob> jobs = new ArrayList<>(factory.build(scanned().methods(Cron.class), injector));
    jobs.add(
        factory.builtIn(
            HistoryRetention.JOB_ID,
            "Delete cron run history older than CRON_HISTORY_RETENTION",
            setup.settings().retentionSchedule(),
            context ->
                HistoryRetention.prune(
                    store,
                    scheduler.jobsById().keySet(),
                    setup.settings().historyRetention(),
                    clock)));
    scheduler = new CronScheduler(setup.settings(), jobs, store, clock, Instances.currentId());
    scheduler.prepare();
    service.connect(new CronControl(scheduler, new ScheduleParser(appSettings)));
    if (injector.getExistingBinding(Key.get(QueueService.class)) != null) {
      QueueService queue = injector.getInstance(QueueService.class);
      ScheduleStore scheduleStore =
          customScheduleStore != null
              ? customScheduleStore
              : ScheduleStores.choose(injector, setup.settings());
      ScheduleParser parser = new ScheduleParser(appSettings);
      ticker = new ScheduleTicker(scheduleStore, queue, parser, clock, setup.settings().runLease());
      schedules.connect(new ScheduleService(scheduleStore, queue, parser, clock, ticker));
    }
  }

  @Override
  public void ready(Injector injector) {
    if (setup.settings().enabled()) {
      scheduler.start();
      if (ticker != null) {
        ticker.start();
      }
    }
  }

  @Override
  public void stop() {
    if (ticker != null) {
      ticker.stop();
    }
    if (scheduler != null) {
      scheduler.stop();
    }
  }

  @Override
  public Health health() {
    if (scheduler == null) {
      return Health.notStarted();
    }
    Health store = scheduler.store().health();
    if (!store.up()) {
      return Health.down(setup.settings().store() + " store: " + store.detail());
    }
    int jobs = scheduler.jobsById().size();
    return Health.ok(
        scheduler.isScheduling()
            ? jobs
                + " job(s) scheduled, "
                + setup.settings().store().name().toLowerCase(Locale.ROOT)
                + " store"
            : jobs + " job(s), scheduling off (CRON_ENABLED=false or stopped)");
  }

  @Override
  public String summary() {
    if (scheduler == null) {
      return "";
    }
    List<String> ids =
        scheduler.jobsById().keySet().stream()
            .filter(id -> !id.equals(HistoryRetention.JOB_ID))
            .sorted()
            .toList();
    String jobs = ids.isEmpty() ? "no cron job" : "cron jobs " + String.join(", ", ids);
    return jobs
        + ", "
        + setup.settings().store().name().toLowerCase(Locale.ROOT)
        + " store"
        + (setup.settings().enabled() ? "" : ", not firing: CRON_ENABLED=false");
  }

  private CronStore store(Injector injector) {
    return switch (setup.settings().store()) {
      case LOCAL -> new LocalCronStore();
      case REDIS -> {
        ErrandRedis redis = injector.getInstance(ErrandRedis.class);
        redis.requireReachable("CronAdapter (CRON_STORE=redis)");
        yield new RedisCronStore(redis, setup.settings().redisPrefix());
      }
      case JDBC -> new JdbcCronStore(injector.getInstance(DataSource.class));
    };
  }

  private synchronized ScannedComponents scanned() {
    if (scanned == null) {
      scanned =
          ComponentScanner.builder()
              .packages(packages.toArray(String[]::new))
              .classes(classes.toArray(Class<?>[]::new))
              .methodAnnotation(Cron.class)
              .scan();
      if (!packages.isEmpty() && scanned.methods(Cron.class).isEmpty()) {
        log.warn(
            "CronAdapter scanned {} and found no @Cron method: check the package names"
                + " (sub-packages are scanned too)",
            packages);
      }
    }
    return scanned;
  }
}
