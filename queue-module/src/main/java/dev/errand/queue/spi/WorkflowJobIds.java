package dev.errand.queue.spi;

/**
 * The id a workflow step's job has in its queue: {@code wf:<workflow id>:<step id>}. Workflow ids
 * hold no ':', so the first one after the prefix ends it. The prefix is what tells a finished job
 * of a workflow from any other at the cost of one string comparison. A backend that settles steps
 * as it acknowledges their jobs ({@link QueueBackend#settleStepsOnAcknowledge}) reads them so.
 */
public final class WorkflowJobIds {

  /** What every step's job id starts with. */
  public static final String PREFIX = "wf:";

  private WorkflowJobIds() {}

  public static String of(String workflowId, String stepId) {
    return PREFIX + workflowId + ":" + stepId;
  }

  /** Whether {@code jobId} may be a workflow step's. */
  public static boolean isStep(String jobId) {
    return jobId.startsWith(PREFIX) && jobId.indexOf(':', PREFIX.length()) > 0;
  }

  /** The workflow of a step's job id. */
  public static String workflow(String jobId) {
    return jobId.substring(PREFIX.length(), jobId.indexOf(':', PREFIX.length()));
  }

  /** The step of a step's job id. */
  public static String step(String jobId) {
    return jobId.substring(jobId.indexOf(':', PREFIX.length()) + 1);
  }
}
