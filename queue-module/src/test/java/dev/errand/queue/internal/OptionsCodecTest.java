package dev.errand.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.queue.Backoff;
import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueDefaults;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.Retention;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsCodecTest {

  private final OptionsCodec codec = new OptionsCodec(JobJson.newMapper());
  private final QueueDefaults defaults = QueueSettings.defaults().queueDefaults();

  @Test
  void shouldStoreNothingForAJobThatSetsNoWorkerOption() {
    assertThat(codec.write(JobOptions.builder().priority(3).jobId("a-1").build())).isNull();
  }

  @Test
  void shouldReadBackEveryOptionItWrote() throws Exception {
    JobOptions options =
        JobOptions.builder()
            .attempts(7)
            .backoff(Backoff.exponential(Duration.ofMillis(250), 0.5))
            .timeout(Duration.ofSeconds(3))
            .removeOnComplete(Retention.keepLast(10))
            .removeOnFail(Retention.keepFor(Duration.ofHours(1)))
            .build();

    RunOptions read = codec.read(codec.write(options), defaults);

    assertThat(read)
        .isEqualTo(
            new RunOptions(
                7,
                Backoff.exponential(Duration.ofMillis(250), 0.5),
                Duration.ofSeconds(3),
                Retention.keepLast(10),
                Retention.keepFor(Duration.ofHours(1))));
  }

  @Test
  void shouldFillWhatTheJobLeftUnsetFromTheQueueDefaults() throws Exception {
    String stored =
        codec.write(JobOptions.builder().backoff(Backoff.custom("quote\"and\\slash")).build());

    RunOptions read = codec.read(stored, defaults);

    assertThat(read.backoff()).isEqualTo(Backoff.custom("quote\"and\\slash"));
    assertThat(read.attempts()).isEqualTo(defaults.attempts());
    assertThat(read.removeOnComplete()).isEqualTo(defaults.removeOnComplete());
    assertThat(codec.read(stored, defaults.withAttempts(9)).attempts()).isEqualTo(9);
  }
}
