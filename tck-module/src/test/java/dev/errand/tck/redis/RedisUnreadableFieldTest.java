package dev.errand.tck.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandRedis;
import dev.errand.core.Settings;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.testsupport.TestServers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One job record with a number overwritten by text must not break the listing of its queue, as it
 * did the dashboard's: the job is shown, the field named in its log, the others listed normally.
 */
class RedisUnreadableFieldTest {

  @Test
  void shouldListTheOtherJobsAndNameTheUnreadableField() {
    String prefix = TestServers.unique("errand-corrupt");
    Settings settings =
        Settings.of(
            Map.of(
                "JOBS_BACKEND",
                "redis",
                "JOBS_ENABLED",
                "false",
                "JOBS_KEY_PREFIX",
                prefix,
                "REDIS_URL",
                TestServers.redisUrl()));
    ErrandApp app = TestRedis.startApp(settings);
    try {
      QueueService queue = app.get(QueueService.class);
      String broken = queue.add("contract", "work", Map.of("n", 1));
      String fine = queue.add("contract", "work", Map.of("n", 2));
      app.get(ErrandRedis.class)
          .commands()
          .hset(prefix + ":{contract}:job:" + broken, "p", "12x-not-a-number");

      QueueAdmin admin = app.get(QueueAdmin.class);
      List<JobInfo> waiting = admin.jobs("contract", JobState.WAITING, 0, 10);

      assertThat(waiting).extracting(JobInfo::id).containsExactlyInAnyOrder(broken, fine);
      JobInfo shown = admin.job("contract", broken).orElseThrow();
      assertThat(shown.priority()).isZero();
      assertThat(shown.logs())
          .anyMatch(line -> line.contains("priority holds '12x-not-a-number', not a number"));
      assertThat(admin.job("contract", fine).orElseThrow().logs()).isEmpty();
    } finally {
      app.stop();
    }
  }
}
