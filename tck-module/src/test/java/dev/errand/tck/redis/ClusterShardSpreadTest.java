package dev.errand.tck.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.core.Settings;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.tck.queue.ContractProcessor;
import dev.errand.tck.queue.Recorder;
import dev.errand.tck.queue.Work;
import dev.errand.testsupport.RedisClusterProcess;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What sharding is for: one busy queue of three shards on a three-master cluster keeps every master
 * busy, each with about a third of the queue's Redis commands, where an unsharded queue lives in
 * one slot and so on one master.
 */
class ClusterShardSpreadTest {

  private static final Pattern COMMANDS = Pattern.compile("total_commands_processed:(\\d+)");

  @Test
  void shouldSpreadTheCommandsOfAShardedQueueOverEveryMaster() {
    RedisClusterProcess cluster = SharedCluster.process();
    String prefix = TestServers.unique("spread");
    Settings settings =
        Settings.of(
            Map.of(
                "JOBS_PROVIDER", "redis",
                "REDIS_URL", cluster.url(),
                "JOBS_KEY_PREFIX", prefix,
                "JOBS_QUEUE_CONTRACT_SHARDS", "3",
                "JOBS_QUEUE_CONTRACT_CONCURRENCY", "30"));
    ErrandApp app = TestRedis.startApp(settings);
    try {
      QueueService queue = app.get(QueueService.class);
      Recorder recorder = app.get(Recorder.class);
      QueueAdmin admin = app.get(QueueAdmin.class);
      // A hot queue has a backlog: the jobs wait while they are added, then the workers run them.
      // Trickled in one by one, jobs would make each worker's round trips as irregular as the
      // adds' timing, which measures the scheduler rather than where the queue lives.
      admin.pause("contract");
      Map<Integer, Long> before = commandsPerMaster(cluster);
      int jobs = 6000;
      List<NewJob> batch = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        batch.add(ContractProcessor.WORK.job(Work.plain("spread-" + i)));
      }
      queue.addBulk(batch);
      admin.resume("contract");
      await().atMost(Duration.ofSeconds(60)).until(() -> recorder.finished.size() == jobs);
      Map<Integer, Long> after = commandsPerMaster(cluster);

      long total = 0;
      Map<Integer, Long> spent = new LinkedHashMap<>();
      for (int port : cluster.masters()) {
        long used = after.get(port) - before.get(port);
        spent.put(port, used);
        total += used;
      }
      for (Map.Entry<Integer, Long> master : spent.entrySet()) {
        double share = (double) master.getValue() / total;
        assertThat(share)
            .as("share of the queue's commands on master %d (all: %s)", master.getKey(), spent)
            .isBetween(0.25, 0.42);
      }
    } finally {
      app.stop();
      deleteKeys(cluster.url(), prefix);
    }
  }

  private static Map<Integer, Long> commandsPerMaster(RedisClusterProcess cluster) {
    Map<Integer, Long> counts = new LinkedHashMap<>();
    for (int port : cluster.masters()) {
      Matcher m = COMMANDS.matcher(cluster.command(port, "INFO", "stats"));
      assertThat(m.find()).as("INFO stats of %d", port).isTrue();
      counts.put(port, Long.parseLong(m.group(1)));
    }
    return counts;
  }

  private static void deleteKeys(String url, String prefix) {
    ErrandRedis redis = new ErrandRedis(RedisSettings.of(url));
    try {
      List<String> keys = TestRedis.keys(redis.commands(), prefix + ":*");
      keys.forEach(key -> redis.commands().del(key));
    } finally {
      redis.close();
    }
  }
}
