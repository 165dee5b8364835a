package dev.errand.devtools.internal.queue;

import dev.errand.devtools.internal.http.ApiException;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueCounts;
import dev.errand.queue.QueueMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The queue operations the dashboard offers, mapped onto {@link QueueAdmin}; refusals (a job in the
 * wrong state for the action) become 409 answers that name the job, its state and what the action
 * needs.
 */
final class QueueOps {

  private final QueueAdmin admin;

  QueueOps(QueueAdmin admin) {
    this.admin = admin;
  }

  /** Which actions work, by the names the page uses. */
  Map<String, Boolean> actions() {
    Map<String, Boolean> actions = new LinkedHashMap<>();
    for (String name :
        List.of(
            "retry",
            "retryAll",
            "bulk",
            "remove",
            "promote",
            "cancel",
            "pause",
            "resume",
            "clean",
            "drain")) {
      actions.put(name, true);
    }
    return actions;
  }

  QueueCounts counts(String queue) {
    return admin.counts(queue);
  }

  QueueMetrics metrics(String queue) {
    return admin.metrics(queue);
  }

  Optional<JobInfo> job(String queue, String id) {
    return admin.job(queue, id);
  }

  List<JobInfo> jobs(String queue, JobState state, int offset, int limit) {
    return admin.jobs(queue, state, offset, limit);
  }

  /** Retries one failed or dead job. */
  void retry(String queue, String id) {
    JobInfo job = existing(queue, id);
    if (!admin.retry(queue, id)) {
      throw refused(job, "only failed or dead jobs can be retried");
    }
  }

  /** Retries every failed and dead job; returns how many went back to waiting. */
  long retryAll(String queue) {
    return admin.retryAll(queue);
  }

  void remove(String queue, String id) {
    JobInfo job = existing(queue, id);
    if (!admin.remove(queue, id)) {
      throw refused(job, "a running job cannot be removed: cancel it first");
    }
  }

  void promote(String queue, String id) {
    JobInfo job = existing(queue, id);
    if (!admin.promote(queue, id)) {
      throw refused(job, "only delayed jobs can be promoted");
    }
  }

  void cancel(String queue, String id) {
    JobInfo job = existing(queue, id);
    if (!admin.cancel(queue, id)) {
      throw refused(job, "only running jobs can be cancelled");
    }
  }

  void pause(String queue) {
    admin.pause(queue);
  }

  void resume(String queue) {
    admin.resume(queue);
  }

  /**
   * Deletes finished jobs of {@code state}: those older than {@code olderThan}, or, when {@code
   * keep} is given, all but the newest {@code keep}.
   */
  long clean(String queue, JobState state, Duration olderThan, Optional<Integer> keep) {
    return keep.isPresent()
        ? admin.trim(queue, state, keep.get())
        : admin.clean(queue, state, olderThan);
  }

  /** Deletes the queue's waiting jobs. */
  long drain(String queue) {
    return admin.drain(queue);
  }

  private JobInfo existing(String queue, String id) {
    return admin
        .job(queue, id)
        .orElseThrow(() -> ApiException.notFound("Queue " + queue + " has no job " + id));
  }

  private static ApiException refused(JobInfo job, String rule) {
    return new ApiException(
        409,
        "Job " + job.id() + " of queue " + job.queue() + " is " + job.state().code() + ": " + rule);
  }

  /** The state named by the page ({@code failed}), or a 400 listing the valid names. */
  static JobState state(String code) {
    try {
      return JobState.valueOf(code.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "Unknown job state '"
              + code
              + "': use one of waiting, delayed, active, completed, failed, dead");
    }
  }
}
