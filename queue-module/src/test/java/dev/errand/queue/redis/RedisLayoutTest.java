package dev.errand.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandRedis;
import dev.errand.core.Settings;
import dev.errand.queue.JobOptions;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.Retention;
import dev.errand.queue.contract.ContractProcessor;
import dev.errand.queue.contract.Work;
import dev.errand.testsupport.TestServers;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
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

  private List<String> keys(RedisClusterCommands<String, String> redis, String pattern) {
    List<String> keys = new ArrayList<>();
    ScanIterator.scan(redis, ScanArgs.Builder.matches(pattern).limit(1000))
        .forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void shouldKeepEveryKeyOfAQueueUnderOneHashTagAndBoundedByRetention() {
    Settings settings =
        Settings.of(
            Map.of(
                "JOBS_PROVIDER",
                "redis",
                "REDIS_URL",
                TestServers.redisUrl(),
                "JOBS_KEY_PREFIX",
                prefix));
    app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(
                new QueueAdapter(QueueSettings.from(settings)).processors(ContractProcessor.class))
            .shutdownHook(false)
            .start();
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
    List<String> all = keys(redis, prefix + ":*");
    assertThat(all).allMatch(key -> key.startsWith(prefix + ":{contract}:"));
    assertThat(keys(redis, prefix + ":{contract}:job:*")).hasSize(50);
    assertThat(admin.counts("contract").completed()).isEqualTo(50);
  }
}
