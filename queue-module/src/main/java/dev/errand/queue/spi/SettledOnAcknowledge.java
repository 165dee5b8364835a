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
public record SettledOnAcknowledge(String workflowId, Settled settled, Runnable carriedThrough) {}
