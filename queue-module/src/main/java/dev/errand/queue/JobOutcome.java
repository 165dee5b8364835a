package dev.errand.queue;

/**
 * How a job that a producer waited for ended, from {@link QueueService#addAndWait}.
 *
 * @param id the job's id
 * @param state {@link JobState#COMPLETED}, {@link JobState#FAILED} or {@link JobState#DEAD}
 * @param result what the handler returned, as JSON, or null
 * @param failure why it failed, or null when it completed
 */
public record JobOutcome(String id, JobState state, String result, JobFailure failure) {

  /** Whether the job completed. */
  public boolean succeeded() {
    return state == JobState.COMPLETED;
  }
}
