package dev.errand.testing.sample;

import dev.errand.queue.Job;
import dev.errand.queue.JobOptions;
import dev.errand.queue.Process;
import dev.errand.queue.QueueService;
import jakarta.inject.Inject;
import java.time.Duration;

/** Signs users up; each sign-up enqueues a welcome mail, due at once, and a delayed export. */
@Job("accounts")
final class AccountProcessor {

  private final QueueService queue;
  private final Recorder recorder;

  @Inject
  AccountProcessor(QueueService queue, Recorder recorder) {
    this.queue = queue;
    this.recorder = recorder;
  }

  @Process("sign-up")
  void signUp(Jobs.SignUp data) {
    recorder.record("sign-up " + data.email());
    queue.add(
        Jobs.WELCOME,
        new Jobs.Welcome(data.email(), data.name()),
        JobOptions.builder().priority(10).jobId("welcome-" + data.email()).build());
    queue.add(
        Jobs.EXPORT,
        new Jobs.Welcome(data.email(), data.name()),
        JobOptions.builder().delay(Duration.ofHours(1)).build());
  }
}
