package dev.errand.postgres.faults;

import com.zaxxer.hikari.HikariDataSource;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.postgres.PostgresQueue;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import java.time.Clock;
import java.util.Map;

/**
 * A worker process for the crash test: leases jobs of the {@code crash} queue and hangs on them
 * until the test kills it with SIGKILL. Arguments: the JDBC URL and the user.
 */
public final class ChildWorker {

  private ChildWorker() {}

  public static void main(String[] args) throws InterruptedException {
    System.setProperty("errand.crash.hang", "true");
    start(args[0], args[1], true);
    Thread.currentThread().join();
  }

  /** A worker (or, with {@code enabled} false, a producer) on the tables of {@code url}. */
  static ErrandApp start(String url, String user, boolean enabled) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    pool.setUsername(user);
    pool.setMaximumPoolSize(4);
    Settings settings = settings(enabled);
    return ErrandApp.builder()
        .settings(settings)
        .adapters(
            new QueueAdapter(QueueSettings.from(settings))
                .withBackend(PostgresQueue.backend(pool, Clock.systemUTC()))
                .withClasses(CrashProcessor.class))
        .shutdownHook(false)
        .start();
  }

  static Settings settings(boolean enabled) {
    return Settings.of(
        Map.of(
            "JOBS_ENABLED", Boolean.toString(enabled),
            "JOBS_QUEUE_CRASH_CONCURRENCY", "5",
            "JOBS_LEASE_DURATION", "1s",
            "JOBS_HEARTBEAT_INTERVAL", "200ms",
            "JOBS_HEARTBEAT_LEASE", "2s",
            "JOBS_STALLED_INTERVAL", "200ms",
            "JOBS_MAX_STALLED", "1"));
  }
}
