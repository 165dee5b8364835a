package dev.errand.queue.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The listening key that tells the scripts to publish a queue's events. */
class RedisEventsTest {

  private final ErrandRedis redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()));
  private final RedisEvents events = new RedisEvents(redis, Duration.ofMillis(600));
  private final String key = TestServers.unique("errand-events") + ":{q}:listening";

  @AfterEach
  void close() {
    events.close();
    redis.commands().del(key);
    redis.close();
  }

  @Test
  void shouldKeepTheListeningKeyAliveWhileSubscribedAndLetItExpireAfter() throws Exception {
    AutoCloseable subscription = events.listen(key + ":channel", key, message -> {});
    assertThat(redis.commands().exists(key)).isEqualTo(1L);

    // Three lifetimes later it is still there: it is refreshed, not set once.
    await()
        .pollDelay(Duration.ofMillis(1800))
        .atMost(Duration.ofSeconds(5))
        .until(() -> redis.commands().exists(key) == 1L);

    subscription.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> redis.commands().exists(key) == 0L);
  }
}
