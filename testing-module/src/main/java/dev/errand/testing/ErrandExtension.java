package dev.errand.testing;

import com.google.inject.Module;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import dev.errand.mailer.CaptureMailer;
import dev.errand.queue.JobType;
import dev.errand.testing.internal.KitConfig;
import dev.errand.testing.internal.TestApp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs your Errand application in each test: on the memory queue, capture mail and a clock that
 * moves only when the test says. Workers do not run: jobs wait until the test calls {@link
 * #drain()}, which runs them in the test's own thread through your handlers.
 *
 * <pre>{@code
 * class SignUpTest {
 *   @RegisterExtension
 *   static final ErrandExtension errand =
 *       ErrandExtension.builder()
 *           .adapters(settings -> List.of(
 *               new MailerAdapter(MailerSettings.from(settings)),
 *               new QueueAdapter(QueueSettings.from(settings), "com.acme.jobs")))
 *           .build();
 *
 *   @Test
 *   void shouldWelcomeNewUsers() {
 *     errand.get(RegisterUser.class).register("ada@example.com");
 *
 *     errand.assertEnqueued(Jobs.WELCOME, mail -> mail.email().equals("ada@example.com"));
 *     errand.drain();
 *     assertThat(errand.mails().sentTo("ada@example.com")).hasSize(1);
 *   }
 * }
 * }</pre>
 *
 * <p>Each test gets a new application, built from the adapters the factory returns for the test's
 * settings and stopped after the test. The settings are the kit's (capture mail, a fresh embedded
 * H2 database) with {@link Builder#settings} over them; the environment is not read. The kit puts
 * the queue, cron and mailer adapters on the test's clock. {@link #advance} moves it, making
 * delayed jobs due and firing the cron ticks it passes.
 */
public final class ErrandExtension implements BeforeEachCallback, AfterEachCallback {

  private final KitConfig config;
  private volatile TestApp current;

  private ErrandExtension(KitConfig config) {
    this.config = config;
  }

  /** Starts configuring an extension; see the usage above. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds and starts the test's application. */
  @Override
  public void beforeEach(ExtensionContext context) {
    current = TestApp.start(config);
  }

  /** Stops the test's application. */
  @Override
  public void afterEach(ExtensionContext context) {
    TestApp app = current;
    current = null;
    if (app != null) {
      app.close();
    }
  }

  /** The test's running application. */
  public ErrandApp app() {
    return running().app();
  }

  /** A service from the test's application. */
  public <T> T get(Class<T> type) {
    return app().get(type);
  }

  /** The test's clock, which the queue, cron and mailer read, and your modules may. */
  public Clock clock() {
    return running().clock();
  }

  /**
   * Moves the clock forward: delayed jobs whose time comes become due (they run at the next {@link
   * #drain()}), and each cron tick passed runs, in time order, with the clock on the tick.
   *
   * @throws AssertionError when a cron job fails on a tick; the clock stays on that tick
   */
  public void advance(Duration duration) {
    running().advance(duration);
  }

  /**
   * Runs every due job of every queue the application handles, one at a time in this thread, until
   * none is left, jobs added by those jobs included. A failing handler stops the drain: its job
   * fails for good and its exception is rethrown as the handler threw it (checked ones too).
   *
   * @return how many jobs ran
   * @throws AssertionError when the drain limit (1000 by default) is reached with jobs still due
   */
  public int drain() {
    return running().drain();
  }

  /** {@link #drain()} for one queue; jobs added to other queues wait. */
  public int drain(String queue) {
    return running().drain(queue);
  }

  /** The payloads of the jobs of {@code type} that have not run, in the order they will run. */
  public <T> List<T> enqueued(JobType<T> type) {
    return enqueuedJobs(type).stream().map(EnqueuedJob::payload).toList();
  }

  /** The jobs of {@code type} that have not run, with their options, in the order they will run. */
  public <T> List<EnqueuedJob<T>> enqueuedJobs(JobType<T> type) {
    return running().enqueued().of(type);
  }

  /** Asserts a job of {@code type} is enqueued, and returns the first. */
  public <T> EnqueuedJob<T> assertEnqueued(JobType<T> type) {
    return assertEnqueued(type, payload -> true);
  }

  /** Asserts a job of {@code type} whose payload matches is enqueued, and returns the first. */
  public <T> EnqueuedJob<T> assertEnqueued(JobType<T> type, Predicate<? super T> matching) {
    return running().enqueued().assertEnqueued(type, matching);
  }

  /** Asserts exactly {@code expected} jobs of {@code type} are enqueued. */
  public void assertEnqueuedCount(JobType<?> type, int expected) {
    running().enqueued().assertCount(type, expected);
  }

  /** Asserts no job of {@code type} whose payload matches is enqueued. */
  public <T> void assertNotEnqueued(JobType<T> type, Predicate<? super T> matching) {
    running().enqueued().assertNotEnqueued(type, matching);
  }

  /** Asserts no job of any queue is waiting or delayed. */
  public void assertNothingEnqueued() {
    running().enqueued().assertNothingEnqueued();
  }

  /** The mail the application sent, kept by the capture provider. */
  public CaptureMailer mails() {
    return get(CaptureMailer.class);
  }

  private TestApp running() {
    TestApp app = current;
    if (app == null) {
      throw new IllegalStateException(
          "No application is running: use the ErrandExtension inside a test method, and register"
              + " it with @RegisterExtension");
    }
    return app;
  }

  /** Configures an {@link ErrandExtension}; only {@link #adapters} is required. */
  public static final class Builder {
    private final Map<String, String> settings = new HashMap<>();
    private final List<Function<Clock, Module>> modules = new ArrayList<>();
    private Function<Settings, List<Adapter>> adapters;
    private Instant start = Instant.parse("2030-01-01T00:00:00Z");
    private boolean workers;
    private int drainLimit = 1000;

    private Builder() {}

    /**
     * Builds the application's adapters, in start order, from the test's settings; called before
     * each test. Build the settings of the adapters from {@code settings}.
     */
    public Builder adapters(Function<Settings, List<Adapter>> factory) {
      this.adapters = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** Adds the application's own Guice modules. */
    public Builder modules(Module... values) {
      for (Module module : values) {
        Objects.requireNonNull(module, "module");
        modules.add(clock -> module);
      }
      return this;
    }

    /** Adds a Guice module built for each test from its clock: {@code AppModule::new}. */
    public Builder module(Function<Clock, Module> factory) {
      modules.add(Objects.requireNonNull(factory, "factory"));
      return this;
    }

    /**
     * Settings for the test's application, over the kit's defaults ({@code MAIL_PROVIDER=capture}
     * and a fresh H2 {@code DATABASE_URL}). {@code JOBS_ENABLED}, {@code JOBS_BACKEND} and {@code
     * CRON_ENABLED} are the kit's to decide.
     */
    public Builder settings(Map<String, String> values) {
      for (String name : KitConfig.KIT_SETTINGS) {
        if (values.containsKey(name)) {
          throw new IllegalArgumentException(
              name
                  + " is the kit's to decide: jobs run on drain() (or on workers with"
                  + " withWorkers()) and cron ticks on advance()");
        }
      }
      settings.putAll(values);
      return this;
    }

    /** Where the test's clock starts (2030-01-01T00:00:00Z by default). */
    public Builder startAt(Instant instant) {
      this.start = Objects.requireNonNull(instant, "instant");
      return this;
    }

    /**
     * Lets the application's workers run jobs on their own threads, as in production, instead of
     * {@link #drain()}; the test then waits for them itself.
     */
    public Builder withWorkers() {
      this.workers = true;
      return this;
    }

    /** How many jobs one {@link #drain()} may run before it calls the chain endless (1000). */
    public Builder drainLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("drainLimit must be at least 1, got " + limit);
      }
      this.drainLimit = limit;
      return this;
    }

    /** The extension, to register with {@code @RegisterExtension}. */
    public ErrandExtension build() {
      if (adapters == null) {
        throw new IllegalStateException(
            "ErrandExtension needs the application's adapters: call adapters(settings -> ...)");
      }
      return new ErrandExtension(
          new KitConfig(settings, modules, adapters, start, workers, drainLimit));
    }
  }
}
