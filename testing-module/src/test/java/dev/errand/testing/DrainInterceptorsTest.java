package dev.errand.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.testing.tenant.TenantJobs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code drain()} runs a job as a worker does: inside the interceptors, and a snooze waits. */
class DrainInterceptorsTest {

  @RegisterExtension
  static final ErrandExtension errand =
      ErrandExtension.builder()
          .adapters(
              settings ->
                  List.of(
                      new QueueAdapter(QueueSettings.from(settings))
                          .withClasses(TenantJobs.class)
                          .withInterceptor(new TenantJobs.TenantScope())))
          .build();

  @BeforeEach
  @AfterEach
  void reset() {
    TenantJobs.SEEN.clear();
    TenantJobs.TenantScope.currentTenant = "acme";
  }

  @Test
  void shouldRunTheInterceptorsAroundADrainedHandlerWithTheJobsMetadata() {
    errand.get(QueueService.class).add(TenantJobs.REPORT, new TenantJobs.Report("sales"));

    assertThat(errand.drain()).isEqualTo(1);

    assertThat(TenantJobs.SEEN)
        .containsExactly("before report for acme", "report sales for acme", "after report");
  }

  @Test
  void shouldFailTheDrainedJobWhenAnInterceptorRefusesIt() {
    TenantJobs.TenantScope.currentTenant = "closed";
    String id = errand.get(QueueService.class).add(TenantJobs.REPORT, new TenantJobs.Report("x"));

    assertThatThrownBy(errand::drain)
        .hasMessageContaining("TenantScope")
        .hasMessageContaining("tenant closed is closed");

    assertThat(TenantJobs.SEEN).containsExactly("before report for closed");
    assertThat(errand.get(QueueAdmin.class).job("tenant", id).orElseThrow().state())
        .isEqualTo(JobState.DEAD);
  }

  @Test
  void shouldPutASnoozedJobBackDelayedUntilTheClockPassesIt() {
    String id =
        errand.get(QueueService.class).add(TenantJobs.WAIT_FOR_DATA, new TenantJobs.Report("q3"));

    assertThat(errand.drain()).isEqualTo(1);
    var waiting = errand.assertEnqueued(TenantJobs.WAIT_FOR_DATA);
    assertThat(waiting.state()).isEqualTo(JobState.DELAYED);
    assertThat(waiting.delay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(errand.drain()).isZero();

    errand.advance(Duration.ofMinutes(5));
    assertThat(errand.drain()).isEqualTo(1);

    var job = errand.get(QueueAdmin.class).job("tenant", id).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.COMPLETED);
    // A snooze is not an attempt: the second run is still the first attempt.
    assertThat(job.attemptsMade()).isEqualTo(1);
    assertThat(TenantJobs.SEEN)
        .containsSubsequence("waited q3", "before wait-for-data for acme", "ran q3");
  }
}
