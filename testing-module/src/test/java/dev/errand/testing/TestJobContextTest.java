package dev.errand.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.queue.JobContext;
import dev.errand.testing.sample.Jobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestJobContextTest {

  /** A handler that reports as it goes and stops when cancelled. */
  private static int export(int rows, JobContext job, Runnable eachRow) {
    job.log("exporting " + rows + " rows, attempt " + job.attempt() + " of " + job.maxAttempts());
    int done = 0;
    while (done < rows && !job.isCancelled()) {
      eachRow.run();
      done++;
      job.progress(100 * done / rows);
    }
    job.progress(Map.of("rows", done));
    return done;
  }

  @Test
  void shouldRecordTheProgressAndLogsOfAHandlerCalledDirectly() {
    TestJobContext job = TestJobContext.of(Jobs.EXPORT).id("42").attempt(2, 3);

    assertThat(export(4, job, () -> {})).isEqualTo(4);

    assertThat(job.id()).isEqualTo("42");
    assertThat(job.queue()).isEqualTo("reports");
    assertThat(job.name()).isEqualTo("export");
    assertThat(job.logs()).containsExactly("exporting 4 rows, attempt 2 of 3");
    assertThat(job.progressReported()).containsExactly(25, 50, 75, 100, Map.of("rows", 4));
    assertThat(job.lastProgress()).contains(Map.of("rows", 4));
  }

  @Test
  void shouldLetTheTestCancelTheRun() {
    TestJobContext job = TestJobContext.of("reports", "export");
    List<String> cleanups = new ArrayList<>();
    job.onCancel(() -> cleanups.add("closed the file"));
    int[] rows = {0};

    int done =
        export(
            10,
            job,
            () -> {
              if (++rows[0] == 3) {
                job.cancel();
              }
            });

    assertThat(done).isEqualTo(3);
    assertThat(job.isCancelled()).isTrue();
    assertThat(cleanups).containsExactly("closed the file");
    job.cancel();
    assertThat(cleanups).as("cancel actions run once").hasSize(1);
    job.onCancel(() -> cleanups.add("late"));
    assertThat(cleanups).as("an action given after cancel runs at once").contains("late");
  }

  @Test
  void shouldStartAsTheFirstAndOnlyAttemptOfAnUncancelledJob() {
    TestJobContext job = TestJobContext.of(Jobs.WELCOME);

    assertThat(job.id()).isEqualTo("test-job");
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(job.maxAttempts()).isEqualTo(1);
    assertThat(job.isCancelled()).isFalse();
    assertThat(job.progressReported()).isEmpty();
    assertThat(job.lastProgress()).isEmpty();
    assertThatThrownBy(() -> job.attempt(3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attempt 3 of 2");
  }
}
