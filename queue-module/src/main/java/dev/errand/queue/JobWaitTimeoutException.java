package dev.errand.queue;

/** {@link QueueService#addAndWait} gave up waiting; the job itself is stored and goes on. */
public final class JobWaitTimeoutException extends RuntimeException {

  private final String jobId;

  public JobWaitTimeoutException(String jobId, String message) {
    super(message);
    this.jobId = jobId;
  }

  /** The id of the job that did not finish in time. */
  public String jobId() {
    return jobId;
  }
}
