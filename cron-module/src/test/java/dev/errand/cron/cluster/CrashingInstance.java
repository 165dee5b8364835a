package dev.errand.cron.cluster;

import dev.errand.core.Settings;
import dev.errand.cron.CronSettings;
import dev.errand.cron.backend.JdbcBackend;
import dev.errand.cron.backend.RedisBackend;
import dev.errand.cron.backend.StoreBackend;
import dev.errand.cron.internal.CronJob;
import dev.errand.cron.internal.CronScheduler;
import dev.errand.cron.internal.ScheduleParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A child JVM for crash tests: claims one tick of a job whose run never ends and renews its lease
 * while it hangs, so the test can kill it with SIGKILL mid-run.
 *
 * <p>Arguments: {@code redis <prefix>} or {@code postgres <schema>}, then the job id and the tick
 * in ISO-8601.
 */
public final class CrashingInstance {

  /** The lease of this instance and of the test's survivor. */
  static final Duration LEASE = Duration.ofSeconds(4);

  private CrashingInstance() {}

  /** The job both sides run: the child's run never ends, the survivor's returns at once. */
  static CronJob job(String id, CronJob.Body body) {
    return new CronJob(
        id,
        "CrashingInstance#work",
        "work",
        new ScheduleParser(Settings.of(Map.of())).parse("@every 1s", "UTC"),
        "UTC",
        false,
        true,
        body);
  }

  public static void main(String[] args) throws Exception {
    StoreBackend backend =
        args[0].equals("redis") ? RedisBackend.on(args[1]) : JdbcBackend.postgresSchema(args[1]);
    CronJob job = job(args[2], context -> new CountDownLatch(1).await());
    CronScheduler scheduler =
        new CronScheduler(
            CronSettings.defaults().withRunLease(LEASE),
            List.of(job),
            backend.newStore(),
            Clock.systemUTC(),
            "doomed-instance");
    scheduler.prepare();
    scheduler.fire(job, Instant.parse(args[3]), false);
  }
}
