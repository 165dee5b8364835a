package dev.errand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.testsupport.RedisServerProcess;
import dev.errand.testsupport.TestServers;
import io.lettuce.core.KeyValue;
import io.lettuce.core.KillArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ErrandRedisTest {

  @Test
  void shouldConnectLazilyAndReportHealthByPing() {
    try (ErrandRedis redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()))) {
      assertThat(redis.isOpen()).as("nothing connects before first use").isFalse();

      String key = TestServers.unique("errand-core-test");
      redis.commands().set(key, "v");
      assertThat(redis.commands().get(key)).isEqualTo("v");
      redis.commands().del(key);

      assertThat(redis.health()).extracting(Health::up).isEqualTo(true);
      assertThat(redis.health().detail()).contains("PONG");
    }
  }

  @Test
  void shouldStoreTextOfEveryKindByteForByteAsUtf8() {
    try (ErrandRedis redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()))) {
      String key = TestServers.unique("errand-core-utf8");
      // One-, two-, three- and four-byte characters, and a lone surrogate (written as '?').
      String text = "plain é € 😀 " + "x".repeat(300);
      var sync = redis.commands();
      sync.mset(Map.of(key, text, key + ":lone", "a\uD800b"));
      assertThat(sync.get(key)).isEqualTo(text);
      assertThat(sync.strlen(key)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
      assertThat(sync.get(key + ":lone")).isEqualTo("a?b");
      sync.del(key, key + ":lone");
    }
  }

  @Test
  void shouldOpenADedicatedConnectionForBlockingCallsAndCloseItWithTheClient() throws Exception {
    RedisClusterCommands<String, String> dedicated;
    try (ErrandRedis redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()))) {
      var shared = redis.commands();
      dedicated = redis.newBlockingCommands();
      long id = dedicated.clientId();
      assertThat(id).isNotEqualTo(shared.clientId());
      assertThat(redis.newBlockingCommands().clientId())
          .as("a new one on each call")
          .isNotEqualTo(id);

      String key = TestServers.unique("errand-core-blocking");
      CompletableFuture<KeyValue<String, String>> popped =
          CompletableFuture.supplyAsync(() -> dedicated.blpop(10, key));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> shared.clientList().lines().anyMatch(c -> blockedInBlpop(c, id)));
      assertThat(shared.ping()).as("the shared connection is not held up").isEqualTo("PONG");

      shared.rpush(key, "é € 😀");
      assertThat(popped.get(5, TimeUnit.SECONDS).getValue()).isEqualTo("é € 😀");
    }
    assertThatThrownBy(dedicated::ping).as("closed with the client").isNotNull();
  }

  private static boolean blockedInBlpop(String clientLine, long id) {
    return clientLine.startsWith("id=" + id + " ") && clientLine.contains(" cmd=blpop");
  }

  @Test
  void shouldBeSharedThroughTheApplicationAndClosedOnStop() {
    ErrandApp app =
        ErrandApp.builder()
            .settings(Settings.of(Map.of("REDIS_URL", TestServers.redisUrl())))
            .shutdownHook(false)
            .start();
    ErrandRedis redis = app.get(ErrandRedis.class);
    assertThat(app.health().components()).doesNotContainKey("Redis");

    redis.commands().ping();
    assertThat(app.health().components().get("Redis").up()).isTrue();

    app.stop();
    assertThat(redis.isOpen()).isFalse();
    assertThatThrownBy(redis::commands).hasMessageContaining("closed");
  }

  @Test
  void shouldReconnectByItselfAfterTheServerDropsTheConnection() {
    try (ErrandRedis redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()))) {
      RedisClusterCommands<String, String> connection = redis.commands();
      String name = TestServers.unique("errand-kill-me");
      connection.clientSetname(name);
      long id = connection.clientId();

      try (ErrandRedis killer = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()))) {
        assertThat(killer.commands().clientKill(KillArgs.Builder.id(id))).isEqualTo(1L);
      }

      await()
          .atMost(Duration.ofSeconds(15))
          .ignoreExceptions()
          .until(() -> "PONG".equals(connection.ping()));
      assertThat(connection.clientId()).as("a new server-side connection").isNotEqualTo(id);
    }
  }

  @Test
  void shouldRecoverAfterAPrivateServerRestarts() {
    try (RedisServerProcess server = RedisServerProcess.start();
        ErrandRedis redis = new ErrandRedis(RedisSettings.of(server.url()))) {
      redis.commands().set("k", "before");

      server.restart();

      await()
          .atMost(Duration.ofSeconds(15))
          .ignoreExceptions()
          .until(() -> "PONG".equals(redis.commands().ping()));
      assertThat(redis.commands().get("k")).as("the restarted server is empty").isNull();
      assertThat(redis.health().up()).isTrue();
    }
  }

  @Test
  void shouldAskTheServerOnceForHealthReportsMadeTogether() {
    try (RedisServerProcess server = RedisServerProcess.start();
        ErrandRedis redis = new ErrandRedis(RedisSettings.of(server.url()))) {
      redis.commands().set("k", "connected");
      long before = pings(redis);

      for (int i = 0; i < 4; i++) {
        assertThat(redis.health().up()).isTrue();
      }

      assertThat(pings(redis) - before).isEqualTo(1);
    }
  }

  private static long pings(ErrandRedis redis) {
    String stats = redis.commands().info("commandstats");
    java.util.regex.Matcher calls =
        java.util.regex.Pattern.compile("cmdstat_ping:calls=(\\d+)").matcher(stats);
    return calls.find() ? Long.parseLong(calls.group(1)) : 0;
  }

  @Test
  void shouldReportDownWhenTheServerIsUnreachable() throws Exception {
    int port = RedisServerProcess.freePort();
    RedisSettings settings =
        new RedisSettings(
            "redis://127.0.0.1:" + port, Duration.ofMillis(500), Duration.ofSeconds(1));
    try (ErrandRedis redis = new ErrandRedis(settings)) {
      Health health = redis.health();
      assertThat(health.up()).isFalse();
      assertThat(health.detail()).contains("Cannot connect to Redis at redis://127.0.0.1:" + port);
    }
  }

  @Test
  void shouldAuthenticateWithThePasswordFromTheUrl() {
    try (RedisServerProcess server = RedisServerProcess.start("--requirepass", "s3cret");
        ErrandRedis good =
            new ErrandRedis(RedisSettings.of("redis://:s3cret@127.0.0.1:" + server.port() + "/2"));
        ErrandRedis bad =
            new ErrandRedis(
                new RedisSettings(
                    "redis://:wrong@127.0.0.1:" + server.port(),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)))) {
      good.commands().set("k", "in-db-2");
      assertThat(server.command("AUTH", "s3cret")).isEqualTo("+OK");
      assertThat(good.health().up()).isTrue();

      Health denied = bad.health();
      assertThat(denied.up()).isFalse();
      assertThat(denied.detail()).doesNotContain("wrong");
    }
  }
}
