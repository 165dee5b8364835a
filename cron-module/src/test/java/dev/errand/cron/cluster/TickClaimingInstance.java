package dev.errand.cron.cluster;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.core.Settings;
import dev.errand.cron.Recurrence;
import dev.errand.cron.fixtures.reports.ReportRequest;
import dev.errand.cron.internal.ScheduleParser;
import dev.errand.cron.internal.schedules.RedisScheduleStore;
import dev.errand.cron.internal.schedules.ScheduleService;
import dev.errand.cron.internal.schedules.ScheduleTicker;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobOutcome;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A child JVM for the schedule crash test: upserts a schedule with one tick, at the next whole
 * second, and ticks it with a queue whose add never returns, so it is stuck between claiming the
 * tick and adding its job when the test kills it with SIGKILL. It marks that moment with the key
 * {@code <prefix>:adding}.
 *
 * <p>Arguments: the Redis URL, the key prefix of the schedules and the schedule id.
 */
public final class TickClaimingInstance {

  /** The claim lease of this instance and of the test's survivor. */
  static final Duration LEASE = Duration.ofSeconds(2);

  private TickClaimingInstance() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.of(Map.of("REDIS_URL", args[0]));
    ErrandRedis redis = new ErrandRedis(RedisSettings.from(settings));
    String prefix = args[1];
    RedisScheduleStore store = new RedisScheduleStore(redis, prefix);
    QueueService stuck = new StuckQueue(redis, prefix + ":adding");
    ScheduleParser parser = new ScheduleParser(settings);
    ScheduleTicker ticker = new ScheduleTicker(store, stuck, parser, Clock.systemUTC(), LEASE);
    new ScheduleService(store, stuck, parser, Clock.systemUTC(), ticker)
        .upsert(
            args[2],
            Recurrence.every(Duration.ofSeconds(1)).limit(1),
            "reports",
            "send-report",
            new ReportRequest("doomed"),
            JobOptions.defaults());
    ticker.start();
    new CountDownLatch(1).await();
  }

  /** A queue that marks the add of a claimed tick in Redis and then never returns from it. */
  private record StuckQueue(ErrandRedis redis, String marker) implements QueueService {

    @Override
    public List<String> addBulk(List<NewJob> jobs) {
      redis.commands().set(marker, jobs.getFirst().options().jobId().orElseThrow());
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("interrupted");
    }

    @Override
    public String add(String queue, String name, Object payload, JobOptions options) {
      return addBulk(List.of(new NewJob(queue, name, payload, options))).getFirst();
    }

    @Override
    public JobOutcome addAndWait(
        String queue, String name, Object payload, JobOptions options, Duration timeout) {
      throw new UnsupportedOperationException("not in this test");
    }
  }
}
