package dev.errand.queue.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.queue.QueueService;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RedisOperationsContractTest extends OperationsContractTest {

  @Override
  protected Map<String, String> backendSettings() {
    return Map.of("JOBS_PROVIDER", "redis", "REDIS_URL", TestServers.redisUrl());
  }

  @Test
  void shouldShareTheRateLimitBetweenProcesses() {
    Map<String, String> limited = Map.of("JOBS_QUEUE_CONTRACT_RATE_LIMIT", "2/400ms");
    ErrandApp one = start(limited);
    ErrandApp two = start(limited);
    for (int i = 0; i < 6; i++) {
      one.get(QueueService.class).add(ContractProcessor.WORK, Work.plain("shared-" + i));
    }
    Recorder first = one.get(Recorder.class);
    Recorder second = two.get(Recorder.class);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> first.finished.size() + second.finished.size() == 6);

    List<Long> starts =
        Stream.concat(first.runs.stream(), second.runs.stream())
            .map(Recorder.Run::startedAt)
            .sorted()
            .toList();
    assertThat(starts.get(2) - starts.get(0)).isGreaterThanOrEqualTo(350);
    assertThat(starts.get(4) - starts.get(2)).isGreaterThanOrEqualTo(350);
  }
}
