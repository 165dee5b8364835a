package dev.errand.tck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.Retention;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which finished jobs stay: the removeOnComplete and removeOnFail options, by count and by age, and
 * the admin's trim and clean. Subclass it with {@link #createBackend()}.
 */
public abstract class QueueRetentionContract extends QueueContract {

  private static JobOptions removeOnComplete(Retention retention) {
    return JobOptions.builder().removeOnComplete(retention).build();
  }

  @Test
  void shouldKeepOnlyWhatTheRetentionOptionsAllow() {
    QueueApp app = start();
    Recorder recorder = app.recorder();
    QueueAdmin admin = app.admin();
    String gone = app.add(Work.plain("gone"), removeOnComplete(Retention.none()));
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.finished.contains("gone"));
    await().atMost(Duration.ofSeconds(5)).until(() -> admin.job(QUEUE, gone).isEmpty());

    List<String> kept = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String id = app.add(Work.plain("kept-" + i), removeOnComplete(Retention.keepLast(2)));
      app.awaitState(id, JobState.COMPLETED);
      kept.add(id);
    }
    assertThat(admin.counts(QUEUE).completed()).isEqualTo(2);
    assertThat(admin.job(QUEUE, kept.get(0))).isEmpty();
    assertThat(admin.jobs(QUEUE, JobState.COMPLETED, 0, 10))
        .extracting(JobInfo::id)
        .containsExactly(kept.get(3), kept.get(2));

    String failed =
        app.add(
            Work.unrecoverable("forgotten"),
            JobOptions.builder().removeOnFail(Retention.none()).build());
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.runsOf("forgotten").size() == 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> admin.job(QUEUE, failed).isEmpty());
    assertThat(admin.counts(QUEUE).failed()).isZero();
  }

  @Test
  void shouldRemoveFinishedJobsOlderThanTheirMaximumAge() {
    QueueApp app = start();
    JobOptions brief = removeOnComplete(Retention.keepFor(Duration.ofMillis(200)));
    String old = app.add(Work.plain("old"), brief);
    app.awaitState(old, JobState.COMPLETED);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              // Each completion trims what has grown too old by then.
              String next = app.add(Work.plain("next"), brief);
              app.awaitState(next, JobState.COMPLETED);
              return app.admin().job(QUEUE, old).isEmpty();
            });
  }

  @Test
  void shouldCleanFinishedJobsByCountAndByAge() {
    QueueApp app = start();
    QueueAdmin admin = app.admin();
    for (int i = 0; i < 5; i++) {
      app.add(Work.plain("done-" + i), removeOnComplete(Retention.keepAll()));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.counts(QUEUE).completed() == 5);

    assertThat(admin.trim(QUEUE, JobState.COMPLETED, 2)).isEqualTo(3);
    assertThat(admin.counts(QUEUE).completed()).isEqualTo(2);
    assertThat(admin.jobs(QUEUE, JobState.COMPLETED, 0, 10)).hasSize(2);
    assertThat(admin.clean(QUEUE, JobState.COMPLETED, Duration.ofHours(1))).isZero();
    assertThat(admin.clean(QUEUE, JobState.COMPLETED, Duration.ZERO)).isEqualTo(2);
    assertThat(admin.counts(QUEUE).completed()).isZero();
    assertThatThrownBy(() -> admin.clean(QUEUE, JobState.WAITING, Duration.ZERO))
        .hasMessageContaining("drain");
  }
}
