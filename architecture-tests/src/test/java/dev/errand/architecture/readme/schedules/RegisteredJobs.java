package dev.errand.architecture.readme.schedules;

import dev.errand.core.ErrandApp;
import dev.errand.cron.CronService;
import java.time.Duration;

// README: "Cron", jobs registered at runtime.
final class RegisteredJobs {

  /** What the registered job calls. */
  interface Sync {
    void performSync();
  }

  private final Sync sync;

  RegisteredJobs(Sync sync) {
    this.sync = sync;
  }

  void report() {}

  void registerAndUnregister(ErrandApp app) {
    CronService cron = app.get(CronService.class);
    cron.register("repository-sync", Duration.ofMinutes(5), run -> sync.performSync());
    cron.register("hourly-report", "0 * * * *", "Europe/Berlin", "Hourly report", run -> report());
    cron.unregister("repository-sync");
  }
}
