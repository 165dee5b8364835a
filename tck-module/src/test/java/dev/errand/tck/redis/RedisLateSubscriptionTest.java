package dev.errand.tck.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.tck.queue.ContractProcessor;
import dev.errand.tck.queue.Recorder;
import dev.errand.tck.queue.Work;
import dev.errand.testsupport.RedisServerProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A worker that started while Redis was down (REDIS_START_DEGRADED) still hears cancellations once
 * Redis is back: its subscription is made late rather than never.
 */
class RedisLateSubscriptionTest {

  @Test
  void shouldHearACancellationAfterStartingWhileRedisWasDown() {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      server.stop();
      Settings settings =
          Settings.of(
              Map.of(
                  "JOBS_BACKEND", "redis",
                  "REDIS_URL", server.url(),
                  "REDIS_START_DEGRADED", "true",
                  "REDIS_CONNECT_TIMEOUT", "500ms",
                  "REDIS_COMMAND_TIMEOUT", "1s",
                  "JOBS_LEASE_DURATION", "2s",
                  "JOBS_STALLED_INTERVAL", "200ms"));
      ErrandApp app = TestRedis.startApp(settings);
      try {
        server.restart();
        Recorder recorder = app.get(Recorder.class);
        QueueService queue = app.get(QueueService.class);
        String id =
            await()
                .atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() -> queue.add(ContractProcessor.WORK, Work.gated("stuck")), v -> true);
        await().atMost(Duration.ofSeconds(20)).until(() -> !recorder.runs.isEmpty());

        assertThat(app.get(QueueAdmin.class).cancel("contract", id)).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.interrupted.contains("stuck"));
      } finally {
        app.get(Recorder.class).gate.countDown();
        app.stop();
      }
    }
  }
}
