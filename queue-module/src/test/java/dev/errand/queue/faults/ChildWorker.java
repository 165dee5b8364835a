package dev.errand.queue.faults;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import java.util.Map;

/**
 * A worker process for the crash test: takes jobs of the {@code crash} queue and hangs on them
 * until the test kills it with SIGKILL. Arguments: the Redis URL and the key prefix.
 */
public final class ChildWorker {

  private ChildWorker() {}

  public static void main(String[] args) throws InterruptedException {
    Settings settings = CrashSettings.of(args[0], args[1], "true");
    ErrandApp.builder()
        .settings(settings)
        .modules(
            binder ->
                binder
                    .bind(CrashProcessor.Mode.class)
                    .toInstance(new CrashProcessor.Mode(true, args[1] + ":started")))
        .adapters(new QueueAdapter(QueueSettings.from(settings)).withClasses(CrashProcessor.class))
        .start();
    Thread.currentThread().join();
  }

  /** The settings both JVMs of the crash test share. */
  static final class CrashSettings {
    private CrashSettings() {}

    static Settings of(String redisUrl, String prefix, String enabled) {
      return Settings.of(
          Map.of(
              "JOBS_BACKEND", "redis",
              "REDIS_URL", redisUrl,
              "JOBS_KEY_PREFIX", prefix,
              "JOBS_ENABLED", enabled,
              "JOBS_QUEUE_CRASH_CONCURRENCY", "5",
              "JOBS_LEASE_DURATION", "1s",
              "JOBS_STALLED_INTERVAL", "200ms",
              "JOBS_MAX_STALLED", "1"));
    }
  }
}
