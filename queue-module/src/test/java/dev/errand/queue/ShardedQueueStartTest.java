package dev.errand.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.internal.QueueRuntime;
import dev.errand.queue.internal.memory.MemoryBackend;
import dev.errand.testsupport.CapturedLog;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a sharded queue's workers say at start about a producer that does not shard it. */
class ShardedQueueStartTest {

  @Job("hot")
  static final class Hot {
    @Process
    void run(Map<String, Object> payload) {}
  }

  /** One store for both applications, as Redis would be (closing a memory backend keeps it). */
  private final MemoryBackend store = new MemoryBackend(Clock.systemUTC());

  private ErrandApp start(Map<String, String> values) {
    Settings settings = Settings.of(values);
    return ErrandApp.builder()
        .settings(settings)
        .adapters(
            new QueueAdapter(QueueSettings.from(settings))
                .withBackend(store)
                .withClasses(Hot.class))
        .shutdownHook(false)
        .start();
  }

  @Test
  void shouldWarnOfJobsAProducerWithoutTheShardSettingAdded() {
    ErrandApp producer = start(Map.of("JOBS_ENABLED", "false"));
    producer.get(QueueService.class).add("hot", "run", Map.of("n", 1));
    producer.get(QueueService.class).add("hot", "run", Map.of("n", 2));
    producer.stop();

    List<String> logged;
    try (CapturedLog log = CapturedLog.of(QueueRuntime.class)) {
      start(Map.of("JOBS_QUEUE_HOT_SHARDS", "3")).stop();
      logged = log.messages();
    }
    assertThat(logged)
        .anyMatch(
            line ->
                line.contains("Queue 'hot' is spread over 3 shards, but 2 job(s) wait")
                    && line.contains("JOBS_QUEUE_HOT_SHARDS=3"));
  }
}
