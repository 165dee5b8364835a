package dev.errand.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisClusterProcessTest {

  private static RedisClusterProcess cluster;

  @BeforeAll
  static void startCluster() {
    cluster = RedisClusterProcess.start(3, 0);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldFormAClusterOfThreeMastersThatServesEverySlot() {
    List<Integer> ports = cluster.ports();
    assertThat(ports).hasSize(3);
    assertThat(cluster.masters()).containsExactlyInAnyOrderElementsOf(ports);
    for (int port : ports) {
      assertThat(cluster.command(port, "CLUSTER", "INFO"))
          .contains("cluster_state:ok")
          .contains("cluster_slots_ok:16384");
    }
    assertThat(cluster.url())
        .isEqualTo(
            "redis-cluster://127.0.0.1:%d,127.0.0.1:%d,127.0.0.1:%d"
                .formatted(ports.get(0), ports.get(1), ports.get(2)));
  }

  @Test
  void shouldStoreAKeyOnTheMasterThatServesItsSlot() {
    String key = "{" + TestServers.unique("x") + "}k";
    int master = cluster.masterPortForKey(key);

    assertThat(cluster.clusterCommand("SET", key, "v")).isEqualTo("OK");

    assertThat(cluster.command(master, "GET", key)).isEqualTo("v");
    int other = cluster.ports().stream().filter(p -> p != master).findFirst().orElseThrow();
    assertThat(cluster.command(other, "GET", key)).startsWith("MOVED " + cluster.slotOf(key));
  }

  @Test
  void shouldKeepKeysWithTheSameHashTagInOneSlot() {
    assertThat(cluster.slotOf("{user1000}.following"))
        .isEqualTo(cluster.slotOf("{user1000}.followers"))
        .isEqualTo(cluster.slotOf("user1000"));
    assertThat(cluster.slotOf("123456789")).as("the CRC16 check value").isEqualTo(12739);
  }

  @Test
  void shouldRefuseAClusterOfFewerThanThreeMasters() {
    assertThatThrownBy(() -> RedisClusterProcess.start(2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 3 masters");
  }
}
