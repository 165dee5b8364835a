package dev.errand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.scriptfixture.ScriptFixtures;
import dev.errand.testsupport.RedisClusterProcess;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** ErrandRedis on a private three-master Redis Cluster; the last test kills a master. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErrandRedisClusterTest {

  private static RedisClusterProcess cluster;
  private static ErrandRedis redis;

  @BeforeAll
  static void startCluster() {
    cluster = RedisClusterProcess.start(3, 0);
    redis =
        new ErrandRedis(
            RedisSettings.from(
                Settings.of(Map.of("REDIS_URL", cluster.url(), "REDIS_COMMAND_TIMEOUT", "2s"))));
  }

  @AfterAll
  static void stopCluster() {
    if (redis != null) {
      redis.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void shouldRouteEachKeyToTheMasterOfItsSlot() {
    assertThat(redis.mode()).isEqualTo(RedisSettings.Mode.CLUSTER);
    Set<Integer> masters = new HashSet<>();
    for (String queue : new String[] {"email", "reports", "billing", "search", "images"}) {
      String key = "errand:{" + queue + "}:wait";
      redis.commands().set(key, queue);
      assertThat(redis.commands().get(key)).isEqualTo(queue);
      int master = cluster.masterPortForKey(key);
      assertThat(cluster.command(master, "GET", key)).isEqualTo(queue);
      masters.add(master);
    }
    assertThat(masters).as("five queues spread over the masters").hasSizeGreaterThan(1);
  }

  @Test
  @Order(2)
  void shouldBlockOnTheMasterThatOwnsTheKey() throws Exception {
    var blocking = redis.newBlockingCommands();
    String key = "errand:{blocking}:marker";
    var popped = CompletableFuture.supplyAsync(() -> blocking.blpop(5, key));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                cluster.command(cluster.masterPortForKey(key), "CLIENT", "LIST").contains("blpop"));
    redis.commands().rpush(key, "wake");
    assertThat(popped.get(5, TimeUnit.SECONDS).getValue()).isEqualTo("wake");
  }

  @Test
  @Order(3)
  void shouldRunScriptsOnTheMasterOfTheirKeys() {
    RedisScript script = RedisScript.load(ScriptFixtures.class, "echo");
    List<Object> reply =
        script.run(
            redis.commands(), ScriptOutputType.MULTI, new String[] {"errand:{scripted}:k"}, "hi");
    assertThat(reply).containsExactly("errand:{scripted}:k", "hi");
  }

  @Test
  @Order(4)
  void shouldGiveTheConnectionThatRoutedWritesToAKeysMasterUseForAWaitAfterThem() throws Exception {
    String key = "errand:{replicated}:job";
    redis.commands().set(key, "routed");
    int master = cluster.masterPortForKey(key);
    // The client on the key's master whose last command was that SET is the routed connection.
    String routed =
        cluster
            .command(master, "CLIENT", "LIST")
            .lines()
            .filter(line -> line.contains(" cmd=set "))
            .findFirst()
            .orElseThrow();
    long routedId = Long.parseLong(routed.substring(3, routed.indexOf(' ')));

    long id =
        redis.asyncCommandsFor(key).get(5, TimeUnit.SECONDS).clientId().get(5, TimeUnit.SECONDS);

    assertThat(id).isEqualTo(routedId);
  }

  @Test
  @Order(9)
  void shouldReportUpWhenEveryMasterAnswersAndDownNamingAMasterThatDoesNot() {
    Health up = redis.health();
    assertThat(up.up()).isTrue();
    assertThat(up.detail()).contains("all 3 masters answered PING");

    int victim = cluster.masters().get(1);
    cluster.kill(victim);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Health down = redis.health();
              assertThat(down.up()).isFalse();
              assertThat(down.detail()).contains("127.0.0.1:" + victim);
            });
  }
}
