package dev.errand.example.jobs;

import dev.errand.example.domain.ActivityRepository;
import dev.errand.example.jobs.Payloads.LogActivity;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import jakarta.inject.Inject;
import java.time.Clock;

/** Appends to the activity feed; a repeated run of the same job appends nothing. */
@Job(Jobs.ACTIVITY)
final class ActivityProcessor {

  private final ActivityRepository activity;
  private final Clock clock;

  @Inject
  ActivityProcessor(ActivityRepository activity, Clock clock) {
    this.activity = activity;
    this.clock = clock;
  }

  @Process("log-activity")
  void log(LogActivity data, JobContext job) {
    boolean stored =
        activity.appendOnce(
            data.sourceKey(),
            data.actorId(),
            data.action(),
            data.taskId(),
            data.summary(),
            clock.instant());
    job.log(stored ? "logged " + data.sourceKey() : "already logged " + data.sourceKey());
  }
}
