package dev.errand.tck.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandRedis;
import dev.errand.core.Settings;
import dev.errand.queue.JobOptions;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.Retention;
import dev.errand.tck.queue.ContractProcessor;
import dev.errand.tck.queue.Work;
import dev.errand.testsupport.TestServers;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the Redis backend lays out its keys, and that retention keeps them bounded. */
class RedisLayoutTest {

  private final String prefix = TestServers.unique("errand-layout");
  private ErrandApp app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void shouldKeepEveryKeyOfAQueueUnderOneHashTagAndBoundedByRetention() {
    Settings settings =
        Settings.of(
            Map.of(
                "JOBS_BACKEND",
                "redis",
                "REDIS_URL",
                TestServers.redisUrl(),
                "JOBS_KEY_PREFIX",
                prefix));
    app = TestRedis.startApp(settings);
    JobOptions keepFifty = JobOptions.builder().removeOnComplete(Retention.keepLast(50)).build();
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      jobs.add(ContractProcessor.WORK.job(Work.plain("job-" + i), keepFifty));
    }
    app.get(QueueService.class).addBulk(jobs);
    QueueAdmin admin = app.get(QueueAdmin.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                admin.counts("contract").waiting() == 0 && admin.counts("contract").active() == 0);

    RedisClusterCommands<String, String> redis = app.get(ErrandRedis.class).commands();
    List<String> all = TestRedis.keys(redis, prefix + ":*");
    // Every key of the queue under its hash tag; besides them only the list of queues, which the
    // first add of each queue and process writes (QueueAdmin.queues()), and the processes'
    // heartbeats under a hash tag of their own (QueueAdmin.processes()).
    assertThat(all)
        .filteredOn(key -> !key.startsWith(prefix + ":{contract}:"))
        .containsExactlyInAnyOrder(
            prefix + ":queues", prefix + ":{processes}:beats", prefix + ":{processes}:leases");
    // The history: one hash an hour, expiring JOBS_HISTORY_RETENTION (25 h) after its hour.
    List<String> history = TestRedis.keys(redis, prefix + ":{contract}:history:*");
    assertThat(history).isNotEmpty();
    for (String hour : history) {
      assertThat(redis.pttl(hour))
          .isBetween(Duration.ofHours(25).toMillis(), Duration.ofHours(26).toMillis());
    }
    assertThat(TestRedis.keys(redis, prefix + ":{contract}:job:*")).hasSize(50);
    assertThat(admin.counts("contract").completed()).isEqualTo(50);
  }
}
