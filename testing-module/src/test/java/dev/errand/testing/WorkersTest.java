package dev.errand.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import dev.errand.mailer.MailerAdapter;
import dev.errand.mailer.MailerSettings;
import dev.errand.queue.JobOutcome;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.testing.sample.Jobs;
import dev.errand.testing.sample.Recorder;
import dev.errand.testing.sample.SampleApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WorkersTest {

  @Nested
  class WhenTheTestAsksForWorkers {

    @RegisterExtension
    final ErrandExtension withWorkers =
        ErrandExtension.builder().adapters(SampleApp::adapters).withWorkers().build();

    @Test
    void shouldLetTheApplicationsWorkersRunJobs() {
      JobOutcome outcome =
          withWorkers
              .get(QueueService.class)
              .addAndWait(
                  Jobs.WELCOME, new Jobs.Welcome("ada@example.com", "Ada"), Duration.ofSeconds(30));

      assertThat(outcome.succeeded()).isTrue();
      assertThat(withWorkers.get(Recorder.class).threads())
          .singleElement()
          .isNotEqualTo(Thread.currentThread());
      assertThat(withWorkers.mails().sentTo("ada@example.com")).hasSize(1);
      assertThatThrownBy(withWorkers::drain)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("withWorkers()");
    }
  }

  /** Adapters whose queue settings ignore the kit's: workers enabled, as in production. */
  private static List<Adapter> startingWorkersThemselves(Settings settings) {
    return List.of(
        new MailerAdapter(MailerSettings.from(settings)),
        new QueueAdapter(QueueSettings.from(Settings.of(Map.of())), "dev.errand.testing.sample"));
  }

  @RegisterExtension
  final ErrandExtension withoutWorkers =
      ErrandExtension.builder().adapters(WorkersTest::startingWorkersThemselves).build();

  @Test
  void shouldHideJobsFromWorkersTheApplicationStartedItself() {
    withoutWorkers
        .get(QueueService.class)
        .add(Jobs.WELCOME, new Jobs.Welcome("ada@example.com", "Ada"));

    // Had a worker taken the job, there would be nothing left to drain.
    assertThat(withoutWorkers.drain()).isEqualTo(1);
    assertThat(withoutWorkers.get(Recorder.class).threads())
        .containsExactly(Thread.currentThread());
  }
}
