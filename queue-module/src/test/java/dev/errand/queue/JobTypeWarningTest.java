package dev.errand.queue;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.jobtypes.Orders;
import dev.errand.queue.jobtypes.typo.TypoJobs;
import dev.errand.testsupport.CapturedLog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A JobType constant that points at a queue no processor here consumes, or at a job its queue's
 * handlers do not take, is most often a typo: start warns, naming it, and does not fail, since
 * producer-only applications add to queues others consume.
 */
class JobTypeWarningTest {

  /** The WARN lines of starting with {@link TypoJobs} scanned and the orders processor. */
  private static List<String> warningsOfStarting(String... consumedElsewhere) {
    QueueAdapter queue =
        new QueueAdapter(TypoJobs.class.getPackageName())
            .withClasses(Orders.OrderProcessor.class)
            .withQueuesConsumedElsewhere(consumedElsewhere);
    try (CapturedLog logged = CapturedLog.of(QueueAdapter.class)) {
      ErrandApp.builder()
          .settings(Settings.of(Map.of("JOBS_ENABLED", "false")))
          .adapters(queue)
          .shutdownHook(false)
          .start()
          .stop();
      return logged.at(Level.WARN).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Test
  void shouldWarnNamingAJobTypeWhoseQueueNothingHereConsumes() {
    List<String> warnings = warningsOfStarting();

    assertThat(warnings)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("JobType " + TypoJobs.class.getName() + "#QUEUE_TYPO")
                    .contains("queue 'jobtypes-ordres'")
                    .contains("consumed here: [jobtypes-orders]")
                    .contains("withQueuesConsumedElsewhere(\"jobtypes-ordres\")"));
  }

  @Test
  void shouldWarnNamingAJobTypeWhoseJobItsQueuesHandlersDoNotTake() {
    List<String> warnings = warningsOfStarting();

    assertThat(warnings)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("JobType " + TypoJobs.class.getName() + "#NAME_TYPO")
                    .contains("job 'shipp' of queue 'jobtypes-orders'"));
  }

  @Test
  void shouldNotWarnAboutAQueueSaidToBeConsumedElsewhere() {
    List<String> warnings = warningsOfStarting("jobtypes-ordres");

    assertThat(warnings).noneMatch(line -> line.contains("jobtypes-ordres"));
    assertThat(warnings).anyMatch(line -> line.contains("#NAME_TYPO"));
  }
}
