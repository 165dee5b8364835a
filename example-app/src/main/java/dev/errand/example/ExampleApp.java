package dev.errand.example;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issue tracker. With no settings it runs on an embedded H2 database, the in-memory queue,
 * console mail and the local cron store, and loads demo data; with {@code DATABASE_URL}, {@code
 * REDIS_URL} + {@code JOBS_BACKEND=redis} and {@code MAIL_PROVIDER=smtp} the same code runs on real
 * infrastructure, and several instances can share it.
 */
public final class ExampleApp {

  private static final Logger log = LoggerFactory.getLogger(ExampleApp.class);

  private ExampleApp() {}

  /** Starts the tracker with these settings and clock. */
  public static ErrandApp start(Settings settings, Clock clock) {
    ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .modules(new AppModule(clock))
            .adapters(AppConfig.adapters(settings).toArray(Adapter[]::new))
            .start();
    try {
      if (settings.bool("EXAMPLE_DEMO_DATA", true)) {
        app.get(DemoData.class).loadIfEmpty();
      }
    } catch (RuntimeException e) {
      app.stop(); // a half-seeded tracker should not keep running behind a failed start
      throw e;
    }
    return app;
  }

  public static void main(String[] args) throws InterruptedException {
    ErrandApp app = start(Settings.fromEnv(), Clock.systemUTC());
    log.info("The tracker is up: {}", app.health());
    app.awaitShutdown();
  }
}
