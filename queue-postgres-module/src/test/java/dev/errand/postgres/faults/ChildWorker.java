package dev.errand.postgres.faults;

import com.zaxxer.hikari.HikariDataSource;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.postgres.PostgresQueue;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A worker process for the crash tests: leases jobs of the {@code crash} queue and hangs on them
 * until the test kills it with SIGKILL; with a third argument, runs the {@code wfcrash} workflow's
 * steps instead and hangs at the step of that name. Arguments: the JDBC URL, the user, [step].
 */
public final class ChildWorker {

  private ChildWorker() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 2) {
      System.setProperty("errand.crash.hangAt", args[2]);
    } else {
      System.setProperty("errand.crash.hang", "true");
    }
    start(args[0], args[1], true);
    Thread.currentThread().join();
  }

  /** Starts this class in a JVM of its own, with the test's classpath and {@code args}. */
  static java.lang.Process launch(String... args) throws java.io.IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), ChildWorker.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(File.createTempFile("errand-postgres-child", ".log"))
        .start();
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
        .modules(binder -> binder.bind(DataSource.class).toInstance(pool))
        .adapters(
            new QueueAdapter(QueueSettings.from(settings))
                .withBackend(PostgresQueue.backend(pool, Clock.systemUTC()))
                .withClasses(CrashProcessor.class, WorkflowCrashProcessor.class))
        .shutdownHook(false)
        .start();
  }

  static Settings settings(boolean enabled) {
    return Settings.of(
        Map.of(
            "JOBS_ENABLED", Boolean.toString(enabled),
            "JOBS_QUEUE_CRASH_CONCURRENCY", "5",
            "JOBS_QUEUE_WFCRASH_CONCURRENCY", "3",
            "JOBS_LEASE_DURATION", "1s",
            "JOBS_HEARTBEAT_INTERVAL", "200ms",
            "JOBS_HEARTBEAT_LEASE", "2s",
            "JOBS_STALLED_INTERVAL", "200ms",
            "JOBS_MAX_STALLED", "1"));
  }
}
