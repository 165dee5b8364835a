package dev.errand.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.queue.QueueService;
import dev.errand.testing.sample.Jobs;
import dev.errand.testing.sample.Recorder;
import dev.errand.testing.sample.SampleApp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An application whose queue is sharded is tested as if it were not: the kit sees one queue. */
class ShardedQueueKitTest {

  @RegisterExtension
  static final ErrandExtension errand =
      ErrandExtension.builder()
          .adapters(SampleApp::adapters)
          .settings(Map.of("JOBS_QUEUE_EMAIL_SHARDS", "3"))
          .build();

  @Test
  void shouldAssertAndDrainTheJobsOfAShardedQueue() {
    QueueService queue = errand.get(QueueService.class);
    for (String name : new String[] {"Ada", "Bob", "Cy", "Di"}) {
      queue.add(Jobs.WELCOME, new Jobs.Welcome(name.toLowerCase() + "@example.com", name));
    }

    errand.assertEnqueuedCount(Jobs.WELCOME, 4);
    assertThat(errand.drain("email")).isEqualTo(4);
    assertThat(errand.get(Recorder.class).events()).hasSize(4);
    errand.assertNothingEnqueued();
  }
}
