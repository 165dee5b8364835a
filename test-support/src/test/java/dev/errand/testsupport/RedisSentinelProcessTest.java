package dev.errand.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A master, a replica and three sentinels; the last test kills the master. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisSentinelProcessTest {

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
  @Order(1)
  void shouldGiveLettuceAUrlNamingTheThreeSentinelsAndTheMaster() {
    List<Integer> sentinels = sentinel.sentinelPorts();
    assertThat(sentinel.url())
        .isEqualTo(
            "redis-sentinel://127.0.0.1:%d,127.0.0.1:%d,127.0.0.1:%d#%s"
                .formatted(
                    sentinels.get(0), sentinels.get(1), sentinels.get(2), sentinel.masterName()));

    RedisURI uri = RedisURI.create(sentinel.url());
    assertThat(uri.getSentinelMasterId()).isEqualTo(sentinel.masterName());
    assertThat(uri.getSentinels())
        .extracting(RedisURI::getPort)
        .containsExactlyElementsOf(sentinels);
  }

  @Test
  @Order(2)
  void shouldReportTheFirstServerAsMasterWithItsReplicaInSync() {
    int master = sentinel.serverPorts().get(0);
    int replica = sentinel.serverPorts().get(1);
    assertThat(sentinel.masterPort()).isEqualTo(master);
    assertThat(sentinel.command(replica, "INFO", "replication"))
        .contains("master_port:" + master)
        .contains("master_link_status:up");
    assertThat(write(sentinel.url(), "before")).isEqualTo("before");
  }

  @Test
  @Order(3)
  void shouldFailOverToTheReplicaWhenTheMasterIsKilled() {
    int replica = sentinel.serverPorts().get(1);

    int old = sentinel.killMaster();
    assertThat(sentinel.isRunning(old)).isFalse();
    int promoted = sentinel.awaitFailover(old);

    assertThat(promoted).isEqualTo(replica);
    assertThat(sentinel.masterPort()).isEqualTo(promoted);
    assertThat(sentinel.command(promoted, "ROLE")).startsWith("master");
    assertThat(write(sentinel.url(), "after"))
        .as("a client through the sentinels")
        .isEqualTo("after");
  }

  /** Sets a key through a Sentinel-aware client and reads it back. */
  private static String write(String url, String value) {
    RedisClient client = RedisClient.create(url);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      String key = TestServers.unique("sentinel");
      connection.sync().set(key, value);
      return connection.sync().get(key);
    } finally {
      client.shutdown();
    }
  }
}
