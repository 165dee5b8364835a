package dev.errand.core;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import dev.errand.core.internal.AdapterOrderValidator;
import dev.errand.core.internal.AppLifecycle;
import dev.errand.core.spi.Adapter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Errand application: the user's Guice modules and an ordered list of adapters, composed into
 * one injector and started in order.
 *
 * <pre>{@code
 * ErrandApp app = ErrandApp.builder()
 *     .modules(new AppModule())
 *     .adapters(
 *         new DatabaseAdapter(),                  // reads DATABASE_* from the app's settings
 *         new QueueAdapter("com.acme.jobs"))      // reads JOBS_*
 *     .start();
 * QueueService queue = app.injector().getInstance(QueueService.class);
 * }</pre>
 *
 * <p>Before anything starts, the adapter order is checked: every requirement must be bound by a
 * user module or provided by an earlier adapter. Adapters start in list order and stop in reverse
 * order. {@link #stop()} is idempotent and also runs at JVM exit (SIGTERM included) unless the
 * builder turned the shutdown hook off. The application binds {@link Settings}, {@link ErrandRedis}
 * (connected on first use, closed after every adapter has stopped) and itself.
 */
public final class ErrandApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ErrandApp.class);

  private final Injector injector;
  private final List<Adapter> adapters;
  private final AppLifecycle lifecycle;
  private final ErrandRedis redis;
  private final Thread shutdownHook;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final CountDownLatch stoppedLatch = new CountDownLatch(1);

  private ErrandApp(Builder builder) {
    this.adapters = List.copyOf(builder.adapters);
    this.redis = new ErrandRedis(builder.redisSettings);
    this.lifecycle = new AppLifecycle(adapters);
    lifecycle.closeLast(redis);

    for (Adapter adapter : adapters) {
      adapter.attach(builder.settings);
    }
    List<Module> all = new ArrayList<>();
    all.add(new CoreModule(this, builder.settings, redis));
    all.addAll(builder.modules);
    AdapterOrderValidator.validate(adapters, boundKeys(all));
    for (Adapter adapter : adapters) {
      all.add(Objects.requireNonNull(adapter.module(), adapter.name() + ".module()"));
    }
    try {
      this.injector = Guice.createInjector(Stage.PRODUCTION, all);
    } catch (CreationException e) {
      redis.close();
      String explained =
          AdapterOrderValidator.explainMissing(adapters, boundKeys(all), e.getMessage())
              .orElse(
                  "The application's bindings are incomplete or conflicting: " + e.getMessage());
      throw new ErrandStartupException(explained, e);
    }
    this.shutdownHook = builder.shutdownHook ? new Thread(this::stop, "errand-shutdown") : null;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The application's injector, for looking up services from outside Guice. */
  public Injector injector() {
    return injector;
  }

  /** A service from the application's injector. */
  public <T> T get(Class<T> type) {
    return injector.getInstance(type);
  }

  /** The adapters in start order. */
  public List<Adapter> adapters() {
    return adapters;
  }

  /** Every adapter's health, plus Redis when something in the application has used it. */
  public HealthReport health() {
    Map<String, Health> components = new LinkedHashMap<>();
    for (Adapter adapter : adapters) {
      components.put(adapter.name(), Health.check(adapter::health));
    }
    if (redis.isOpen()) {
      components.put("Redis", redis.health());
    }
    return new HealthReport(components);
  }

  private ErrandApp startAdapters() {
    if (shutdownHook != null) {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
    long began = System.nanoTime();
    try {
      lifecycle.start(injector);
    } catch (RuntimeException e) {
      removeShutdownHook();
      stopped.set(true);
      stoppedLatch.countDown();
      throw e;
    }
    log.info("Errand ready in {} ms: {}", (System.nanoTime() - began) / 1_000_000, readySummary());
    return this;
  }

  /** The adapters in order, each with what it says it runs. */
  private String readySummary() {
    List<String> parts = new ArrayList<>();
    for (Adapter adapter : adapters) {
      String summary;
      try {
        summary = adapter.summary();
      } catch (RuntimeException e) {
        summary = "";
      }
      parts.add(
          summary == null || summary.isBlank()
              ? adapter.name()
              : adapter.name() + " (" + summary + ")");
    }
    return parts.isEmpty() ? "no adapters" : String.join(", ", parts);
  }

  /**
   * Blocks until the application stops: by {@link #stop()} from another thread, or by SIGTERM or
   * Ctrl-C through the shutdown hook. A {@code main} that only starts the app returns at once, and
   * with it the JVM, since workers run on daemon threads; end it with this call instead.
   */
  public void awaitShutdown() throws InterruptedException {
    stoppedLatch.await();
  }

  /** Stops the adapters in reverse order, then closes shared resources. Safe to call repeatedly. */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    if (Thread.currentThread() != shutdownHook) {
      removeShutdownHook();
    }
    try {
      lifecycle.stop();
    } finally {
      stoppedLatch.countDown();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void removeShutdownHook() {
    if (shutdownHook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The JVM is exiting and the hook is running or about to: nothing to remove.
    }
  }

  private static Set<Key<?>> boundKeys(List<Module> modules) {
    Set<Key<?>> keys = new HashSet<>();
    for (Element element : Elements.getElements(Stage.TOOL, modules)) {
      if (element instanceof Binding<?> binding) {
        keys.add(binding.getKey());
      }
    }
    return keys;
  }

  /** Builds and starts an {@link ErrandApp}. */
  public static final class Builder {
    private final List<Module> modules = new ArrayList<>();
    private final List<Adapter> adapters = new ArrayList<>();
    private Settings settings = Settings.fromEnv();
    private RedisSettings redisSettings;
    private boolean shutdownHook = true;

    private Builder() {}

    /** The user's own Guice modules. */
    public Builder modules(Module... modules) {
      this.modules.addAll(Arrays.asList(modules));
      return this;
    }

    /** The adapters, in the order they must start. */
    public Builder adapters(Adapter... adapters) {
      this.adapters.addAll(Arrays.asList(adapters));
      return this;
    }

    /**
     * The application's settings, defaulting to {@link Settings#fromEnv()}: bound for injection,
     * and read by every adapter built without settings of its own ({@code new MailerAdapter()}).
     */
    public Builder settings(Settings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Where the shared Redis client connects; defaults to {@code RedisSettings.from(settings)}. */
    public Builder redis(RedisSettings redisSettings) {
      this.redisSettings = Objects.requireNonNull(redisSettings, "redisSettings");
      return this;
    }

    /** Whether a JVM shutdown hook stops the application (default true). */
    public Builder shutdownHook(boolean enabled) {
      this.shutdownHook = enabled;
      return this;
    }

    /** Validates the adapter order, builds the injector and starts every adapter. */
    public ErrandApp start() {
      if (redisSettings == null) {
        redisSettings = RedisSettings.from(settings);
      }
      return new ErrandApp(this).startAdapters();
    }
  }

  private static final class CoreModule extends AbstractModule {
    private final ErrandApp app;
    private final Settings settings;
    private final ErrandRedis redis;

    CoreModule(ErrandApp app, Settings settings, ErrandRedis redis) {
      this.app = app;
      this.settings = settings;
      this.redis = redis;
    }

    @Override
    protected void configure() {
      bind(ErrandApp.class).toInstance(app);
      bind(Settings.class).toInstance(settings);
      bind(ErrandRedis.class).toInstance(redis);
    }
  }
}
