package dev.errand.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.inject.multibindings.Multibinder;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobListener;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueEvents;
import dev.errand.queue.QueueService;
import dev.errand.testing.sample.Jobs;
import dev.errand.testing.sample.Recorder;
import dev.errand.testing.sample.SampleApp;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DrainTest {

  @RegisterExtension
  static final ErrandExtension errand =
      ErrandExtension.builder().adapters(SampleApp::adapters).drainLimit(50).build();

  private QueueService queue() {
    return errand.get(QueueService.class);
  }

  private JobInfo stored(String queue, String id) {
    return errand.get(QueueAdmin.class).job(queue, id).orElseThrow();
  }

  @Test
  void shouldRunJobsThroughTheirHandlersInTheTestThread() {
    queue().add(Jobs.WELCOME, new Jobs.Welcome("ada@example.com", "Ada"));

    assertThat(errand.drain()).isEqualTo(1);

    Recorder recorder = errand.get(Recorder.class);
    assertThat(recorder.events()).containsExactly("welcome ada@example.com");
    assertThat(recorder.threads()).containsExactly(Thread.currentThread());
    assertThat(errand.mails().sentTo("ada@example.com"))
        .singleElement()
        .satisfies(mail -> assertThat(mail.subject()).contains("Welcome, Ada"));
  }

  @Test
  void shouldRecordTheOutcomeProgressAndLogsOfDrainedJobs() {
    String id = queue().add(Jobs.WELCOME, new Jobs.Welcome("ada@example.com", "Ada"));

    errand.drain();

    JobInfo job = stored("email", id);
    assertThat(job.state()).isEqualTo(JobState.COMPLETED);
    assertThat(job.result()).isEqualTo("\"sent to ada@example.com\"");
    assertThat(job.progress()).isEqualTo("100");
    // A drained run is its job's last: a failure would not be retried.
    assertThat(job.logs()).containsExactly("welcomed ada@example.com, attempt 1 of 1");
    errand.assertNothingEnqueued();
  }

  @Test
  void shouldLeaveJobsWaitingUntilTheTestDrainsThem() {
    String id = queue().add(Jobs.WELCOME, new Jobs.Welcome("ada@example.com", "Ada"));

    assertThat(stored("email", id).state()).isEqualTo(JobState.WAITING);
    assertThat(errand.mails().sent()).isEmpty();
  }

  @Test
  void shouldRunJobsEnqueuedByDrainedJobs() {
    queue().add(Jobs.SIGN_UP, new Jobs.SignUp("ada@example.com", "Ada"));
    queue().add(Jobs.STEP, new Jobs.Step(1, 3));

    int ran = errand.drain();

    // Queues take turns, one job each, in the order they first got a job.
    assertThat(ran).isEqualTo(5);
    assertThat(errand.get(Recorder.class).events())
        .containsExactly(
            "sign-up ada@example.com", "step 1", "step 2", "welcome ada@example.com", "step 3");
    // The export was added with a delay of an hour: it waits for the clock.
    assertThat(errand.enqueued(Jobs.EXPORT))
        .containsExactly(new Jobs.Welcome("ada@example.com", "Ada"));
  }

  @Test
  void shouldStopAnEndlessChainWithAClearError() {
    queue().add(Jobs.FOREVER, new Jobs.Step(1, 0));

    assertThatThrownBy(errand::drain)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("drain() ran 50 jobs and more are still due")
        .hasMessageContaining("chain/forever x50")
        .hasMessageContaining("drainLimit(n)");
    // The job that would have been the 51st is left waiting, not leased.
    assertThat(errand.enqueuedJobs(Jobs.FOREVER))
        .singleElement()
        .satisfies(job -> assertThat(job.state()).isEqualTo(JobState.WAITING))
        .satisfies(job -> assertThat(job.payload().number()).isEqualTo(51));
  }

  @Test
  void shouldRethrowTheFailingHandlersOwnException() {
    String id = queue().add(Jobs.CHECKED_FAILURE, new Jobs.Problem("exporting"));

    assertThatThrownBy(errand::drain)
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("disk full while exporting")
        .hasNoCause()
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .extracting(Throwable::getMessage)
                    .containsExactly("drain(): job " + id + " ('checked', queue 'failing')"));
    JobInfo job = stored("failing", id);
    assertThat(job.state()).isEqualTo(JobState.DEAD);
    assertThat(job.failure().exceptionClass()).isEqualTo("java.io.IOException");
    assertThat(job.failure().message()).isEqualTo("disk full while exporting");
  }

  @Test
  void shouldFailAnUnrecoverableJobWithoutDeadLetteringIt() {
    String id = queue().add(Jobs.UNRECOVERABLE, new Jobs.Problem("ghost"));

    assertThatThrownBy(errand::drain).hasMessage("no such user: ghost");
    assertThat(stored("failing", id).state()).isEqualTo(JobState.FAILED);
  }

  @Test
  void shouldStopAtTheFirstFailureAndLeaveTheRestEnqueued() {
    queue().add(Jobs.CHECKED_FAILURE, new Jobs.Problem("first"));
    queue().add(Jobs.CHECKED_FAILURE, new Jobs.Problem("second"));

    assertThatThrownBy(errand::drain).hasMessage("disk full while first");
    assertThat(errand.enqueued(Jobs.CHECKED_FAILURE)).containsExactly(new Jobs.Problem("second"));
  }

  @Test
  void shouldDrainOneQueueAndLeaveTheOthersWaiting() {
    queue().add(Jobs.SIGN_UP, new Jobs.SignUp("ada@example.com", "Ada"));
    queue().add(Jobs.STEP, new Jobs.Step(1, 1));

    assertThat(errand.drain("accounts")).isEqualTo(1);

    errand.assertEnqueued(Jobs.WELCOME);
    errand.assertEnqueued(Jobs.STEP);
    assertThat(errand.get(Recorder.class).events()).containsExactly("sign-up ada@example.com");
  }

  @Test
  void shouldLeaveQueuesWithoutHandlersAloneAndRefuseToDrainThem() {
    queue().add("elsewhere", "audit", List.of(1, 2));

    assertThat(errand.drain()).isZero();
    assertThatThrownBy(() -> errand.drain("elsewhere"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No @Process method here handles queue 'elsewhere'")
        .hasMessageContaining("its jobs stay enqueued");
    assertThat(errand.get(QueueAdmin.class).counts("elsewhere").waiting()).isEqualTo(1);
  }

  @Test
  void shouldLeaveAPausedQueuesJobsWaiting() {
    queue().add(Jobs.WELCOME, new Jobs.Welcome("ada@example.com", "Ada"));
    errand.get(QueueAdmin.class).pause("email");

    assertThat(errand.drain()).isZero();

    errand.get(QueueAdmin.class).resume("email");
    assertThat(errand.drain()).isEqualTo(1);
  }

  @Nested
  class WithEventSubscribersAndListeners {

    private final List<JobEvent> heard = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final ErrandExtension listened =
        ErrandExtension.builder()
            .adapters(SampleApp::adapters)
            .modules(
                binder ->
                    Multibinder.newSetBinder(binder, JobListener.class)
                        .addBinding()
                        .toInstance(
                            new JobListener() {
                              @Override
                              public void on(JobEvent event) {
                                heard.add(event);
                              }
                            }))
            .build();

    @Test
    void shouldTellQueueEventsSubscribersButNotListenersWhatDrainedJobsDid() throws Exception {
      List<JobEvent> subscribed = new CopyOnWriteArrayList<>();
      try (AutoCloseable subscription =
          listened
              .get(QueueEvents.class)
              .subscribe(
                  "email",
                  new JobListener() {
                    @Override
                    public void on(JobEvent event) {
                      subscribed.add(event);
                    }
                  })) {
        String id =
            listened
                .get(QueueService.class)
                .add(Jobs.WELCOME, new Jobs.Welcome("ada@example.com", "Ada"));

        listened.drain();

        assertThat(subscribed)
            .extracting(JobEvent::type, JobEvent::id, JobEvent::data)
            .containsExactly(
                tuple(JobEvent.Type.PROGRESS, id, "50"),
                tuple(JobEvent.Type.PROGRESS, id, "100"),
                tuple(JobEvent.Type.COMPLETED, id, "\"sent to ada@example.com\""));
      }
      // Listeners hear what this process's workers run; a drain is no worker.
      assertThat(heard).isEmpty();
    }
  }
}
