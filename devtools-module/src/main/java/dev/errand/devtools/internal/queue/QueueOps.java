package dev.errand.devtools.internal.queue;

import dev.errand.devtools.internal.http.ApiException;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The queue operations the dashboard offers, mapped onto {@link QueueAdmin}. Operations the
 * installed errand-queue does not offer yet answer 501 and are reported as unavailable, so the page
 * shows their buttons disabled instead of pretending they worked.
 */
final class QueueOps {

  /** The most jobs one "retry all" call moves, so one click cannot hold a request for minutes. */
  static final int RETRY_ALL_LIMIT = 10_000;

  private static final int BATCH = 500;

  private final QueueAdmin admin;

  QueueOps(QueueAdmin admin) {
    this.admin = admin;
  }

  /** Which actions work, by the names the page uses. */
  Map<String, Boolean> actions() {
    Map<String, Boolean> actions = new LinkedHashMap<>();
    actions.put("retry", true);
    actions.put("retryAll", true);
    actions.put("remove", false);
    actions.put("promote", false);
    actions.put("pause", false);
    actions.put("resume", false);
    actions.put("clean", false);
    return actions;
  }

  QueueCounts counts(String queue) {
    return admin.counts(queue);
  }

  /** Null: errand-queue cannot tell yet whether a queue is paused. */
  Boolean paused(String queue) {
    return null;
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
      throw new ApiException(
          409,
          "Job "
              + id
              + " of queue "
              + queue
              + " is "
              + job.state().code()
              + ": only failed or dead jobs can be retried");
    }
  }

  /**
   * Retries every failed and dead job, up to {@link #RETRY_ALL_LIMIT}. Built from listing and
   * single retries because QueueAdmin has no bulk retry yet; each retry takes the job out of the
   * list, so the first page is read again until it is empty.
   *
   * @return how many jobs went back to waiting
   */
  int retryAll(String queue) {
    int retried = 0;
    for (JobState state : List.of(JobState.FAILED, JobState.DEAD)) {
      while (retried < RETRY_ALL_LIMIT) {
        List<JobInfo> batch =
            admin.jobs(queue, state, 0, Math.min(BATCH, RETRY_ALL_LIMIT - retried));
        int before = retried;
        for (JobInfo job : batch) {
          if (admin.retry(queue, job.id())) {
            retried++;
          }
        }
        if (batch.isEmpty() || retried == before) {
          break;
        }
      }
    }
    return retried;
  }

  void remove(String queue, String id) {
    existing(queue, id);
    throw missing("remove(queue, id)");
  }

  void promote(String queue, String id) {
    existing(queue, id);
    throw missing("promote(queue, id)");
  }

  void pause(String queue) {
    throw missing("pause(queue)");
  }

  void resume(String queue) {
    throw missing("resume(queue)");
  }

  /**
   * Deletes finished jobs of {@code state} older than {@code graceSeconds}, at most {@code limit}.
   */
  int clean(String queue, JobState state, long graceSeconds, int limit) {
    throw missing("clean(queue, state, age, limit)");
  }

  private JobInfo existing(String queue, String id) {
    return admin
        .job(queue, id)
        .orElseThrow(() -> ApiException.notFound("Queue " + queue + " has no job " + id));
  }

  private static ApiException missing(String operation) {
    return ApiException.notImplemented(
        "The installed errand-queue has no QueueAdmin."
            + operation
            + " yet; upgrade errand-queue to use this action");
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
