package dev.errand.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A cluster of three masters with a replica each; the last test kills a master. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterFailoverTest {

  private static RedisClusterProcess cluster;

  @BeforeAll
  static void startCluster() {
    cluster = RedisClusterProcess.start(3, 1);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void shouldGiveEachMasterAReplicaInSync() {
    assertThat(cluster.ports()).hasSize(6);
    assertThat(cluster.masters()).hasSize(3);
    for (int master : cluster.masters()) {
      assertThat(cluster.replicasOf(master)).hasSize(1);
      int replica = cluster.replicasOf(master).get(0);
      assertThat(cluster.command(replica, "INFO", "replication"))
          .contains("master_port:" + master)
          .contains("master_link_status:up");
    }
  }

  @Test
  @Order(2)
  void shouldRefuseToAwaitTheFailoverOfAMasterThatWasNotKilled() {
    int master = cluster.masters().get(0);
    assertThatThrownBy(() -> cluster.awaitFailover(master))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was not killed");
  }

  @Test
  @Order(3)
  void shouldFailOverToTheReplicaWhenTheMasterIsKilled() {
    String key = "{" + TestServers.unique("failover") + "}k";
    int master = cluster.masterPortForKey(key);
    int replica = cluster.replicasOf(master).get(0);
    assertThat(cluster.command(master, "SET", key, "v")).isEqualTo("OK");
    assertThat(cluster.command(master, "WAIT", "1", "5000"))
        .as("replicas acknowledged")
        .isEqualTo("1");

    cluster.kill(master);
    assertThat(cluster.isRunning(master)).isFalse();
    int promoted = cluster.awaitFailover(master);

    assertThat(promoted).isEqualTo(replica);
    assertThat(cluster.masters()).contains(promoted).doesNotContain(master);
    assertThat(cluster.masterPortForKey(key)).isEqualTo(promoted);
    // The promoted replica may take a moment to serve reads after it won the election.
    String value =
        Processes.await(
            "the promoted replica to answer GET",
            Duration.ofSeconds(10),
            () -> Optional.of(cluster.command(promoted, "GET", key)).filter(v -> !v.isEmpty()),
            () -> "");
    assertThat(value).isEqualTo("v");
    assertThat(cluster.clusterCommand("GET", key)).isEqualTo("v");
  }
}
