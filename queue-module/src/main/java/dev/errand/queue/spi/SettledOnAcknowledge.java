package dev.errand.queue.spi;

/**
 * What an acknowledgement settled in one workflow, from a backend that settles workflow steps in
 * the call that acknowledges their jobs ({@link QueueBackend#settleStepsOnAcknowledge}). The
 * released steps still have to be added to their queues, and outcomes left to pass on still have to
 * be passed on; once both are done, {@link #carriedThrough} ends the backend's note of the release.
 * A process that dies before then leaves the note, and the workflow sweeper finishes the release.
 *
 * @param workflowId the workflow
 * @param settled the steps released, and whether outcomes remain to pass on
 * @param carriedThrough ends the note that the release is under way; does nothing when there is
 *     none (nothing was released)
 */
public record SettledOnAcknowledge(String workflowId, Settled settled, Runnable carriedThrough) {

  /**
   * How many edges a backend passes on in the call that acknowledges {@code outcomes} outcomes of
   * one workflow, as the workflow layer's own first settle call does: a hundred beyond two an
   * outcome (itself and its one edge, in a fan-in), at most 500. A step with a thousand dependents
   * so releases its first hundred in a short call, and workers start on them while the rest is
   * passed on in later calls, never in one long one.
   */
  public static int firstBudget(int outcomes) {
    return Math.min(500, 100 + 2 * outcomes);
  }
}
