package dev.errand.tck.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.testsupport.RedisSentinelProcess;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the master behind Sentinel: the application follows the new master and loses no job.
 */
class SentinelFailoverTest {

  @Test
  void shouldFollowTheNewMasterAndRunEveryAcknowledgedJob() throws Exception {
    try (RedisSentinelProcess sentinel = RedisSentinelProcess.start(2);
        FailoverLoad load =
            new FailoverLoad(
                sentinel.url(),
                TestServers.unique("errand-sentinel"),
                Map.of("JOBS_REDIS_REPLICA_ACKS", "1"))) {
      load.addWhile(
          600,
          () -> {
            int old = sentinel.killMaster();
            sentinel.awaitFailover(old);
          });

      assertThat(load.failedAdds).hasValue(0);
      assertThat(load.acknowledged).hasSize(600);
      load.awaitAllRan(Duration.ofSeconds(90));
    }
  }
}
