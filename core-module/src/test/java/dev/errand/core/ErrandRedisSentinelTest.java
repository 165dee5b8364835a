package dev.errand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.testsupport.RedisSentinelProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ErrandRedis behind Sentinel: it finds the master, and the new one after a failover. */
class ErrandRedisSentinelTest {

  private static RedisSentinelProcess sentinel;

  @BeforeAll
  static void startSentinels() {
    sentinel = RedisSentinelProcess.start();
  }

  @AfterAll
  static void stopSentinels() {
    if (sentinel != null) {
      sentinel.close();
    }
  }

  @Test
  void shouldFollowTheMasterAcrossAFailover() {
    RedisSettings settings =
        RedisSettings.from(
            Settings.of(Map.of("REDIS_URL", sentinel.url(), "REDIS_COMMAND_TIMEOUT", "2s")));
    try (ErrandRedis redis = new ErrandRedis(settings)) {
      assertThat(redis.mode()).isEqualTo(RedisSettings.Mode.SENTINEL);
      redis.commands().set("before", "1");
      assertThat(redis.health().detail()).contains("master '" + sentinel.masterName() + "'");
      int oldMaster = sentinel.masterPort();
      assertThat(sentinel.command(oldMaster, "GET", "before")).isEqualTo("1");

      sentinel.killMaster();
      int newMaster = sentinel.awaitFailover(oldMaster);

      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(() -> redis.commands().set("after", "2"));
      assertThat(sentinel.command(newMaster, "GET", "after")).isEqualTo("2");
      assertThat(redis.health().up()).isTrue();
    }
  }
}
