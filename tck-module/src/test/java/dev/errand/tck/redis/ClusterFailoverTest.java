package dev.errand.tck.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.testsupport.RedisClusterProcess;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kill -9 of the master that holds a busy queue, in a cluster of three masters with a replica each:
 * the replica takes over and producers and workers go on by themselves. With replica
 * acknowledgements no acknowledged add is lost; without, the loss is reported, not asserted away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverTest {

  private static final Logger log = LoggerFactory.getLogger(ClusterFailoverTest.class);
  private static RedisClusterProcess cluster;

  @BeforeAll
  static void startCluster() {
    // Two replicas a master, so the promoted one still has a replica to confirm writes.
    cluster = RedisClusterProcess.start(3, 2);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A key prefix whose failover queue lives on a master that still has a replica. */
  private static String prefixOnAMasterWithAReplica() {
    while (true) {
      String prefix = TestServers.unique("errand-failover");
      int master = cluster.masterPortForKey(prefix + ":{failover}:wait");
      if (!cluster.replicasOf(master).isEmpty()) {
        return prefix;
      }
    }
  }

  private static void killMasterOf(String prefix) {
    int master = cluster.masterPortForKey(prefix + ":{failover}:wait");
    cluster.kill(master);
    cluster.awaitFailover(master);
  }

  @Test
  @Order(1)
  void shouldLoseNoAcknowledgedAddWithReplicaAcknowledgements() throws Exception {
    String prefix = prefixOnAMasterWithAReplica();
    try (FailoverLoad load =
        new FailoverLoad(cluster.url(), prefix, Map.of("JOBS_REDIS_REPLICA_ACKS", "1"))) {
      load.addWhile(600, () -> killMasterOf(prefix));

      assertThat(load.failedAdds).hasValue(0);
      assertThat(load.acknowledged).hasSize(600);
      load.awaitAllRan(Duration.ofSeconds(90));
    }
  }

  @Test
  @Order(2)
  void shouldGoOnAfterAFailoverWithoutReplicaAcknowledgementsAndReportWhatWasLost()
      throws Exception {
    String prefix = prefixOnAMasterWithAReplica();
    try (FailoverLoad load = new FailoverLoad(cluster.url(), prefix, Map.of())) {
      load.addWhile(600, () -> killMasterOf(prefix));

      int lost = load.lostAfterSettling();
      // Reported at WARN, which the test log shows: the figure is the point of this test.
      log.warn(
          "Without replica acknowledgements, a failover lost {} of {} acknowledged adds",
          lost,
          load.acknowledged.size());
      assertThat(load.failedAdds).hasValue(0);
      // Adds made after the failover run: the application went on by itself.
      load.acknowledged.clear();
      load.addWhile(60, () -> {});
      load.awaitAllRan(Duration.ofSeconds(30));
    }
  }
}
