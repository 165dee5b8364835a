package dev.errand.queue;

import java.util.List;
import java.util.Optional;

/**
 * Adds {@link Workflow workflows} and manages them. Inject it as {@link QueueService} is.
 *
 * <pre>{@code
 * String id = workflows.add(export);
 * workflows.workflow(id).orElseThrow().steps(); // each step with its state
 * }</pre>
 */
public interface WorkflowService {

  /**
   * Stores every step at once (all or none), then adds the steps that depend on nothing to their
   * queues. Adding a workflow whose id is stored already adds nothing.
   *
   * @return the workflow's id
   * @throws IllegalArgumentException when the steps form a cycle (the message names it), a step
   *     depends on a step of another workflow, or a payload cannot be written as JSON
   */
  String add(Workflow workflow);

  /** Adds a batch: its jobs, and its callbacks waiting for them. */
  default String add(Batch batch) {
    return add(batch.workflow());
  }

  /**
   * Adds a job to a batch that is still running, typically from one of its own jobs; the batch's
   * callbacks wait for it too. Adding a step id the batch has adds nothing.
   *
   * @return the job's id in its queue
   * @throws IllegalArgumentException when there is no such batch, or its callbacks have already
   *     been released
   */
  <T> String addToBatch(String batchId, String stepId, JobType<T> type, T payload);

  /** The workflow's steps with their states, or empty if there is no such workflow. */
  Optional<WorkflowInfo> workflow(String id);

  /** The ids of stored workflows and batches, newest first. */
  List<String> workflowIds(int offset, int limit);

  /**
   * Deletes a finished workflow's bookkeeping (its steps, states and results); its jobs stay in
   * their queues, under their retention. Nothing removes a workflow by itself.
   *
   * @return false when there is no such workflow
   * @throws IllegalStateException when some step has not finished: cancel the workflow first
   */
  boolean remove(String id);

  /**
   * Retries the workflow's failed steps: their jobs run again from the dead-letter list, and the
   * steps that failed because of them wait again.
   *
   * @return how many steps were retried
   */
  int retry(String id);

  /**
   * Cancels the workflow's unfinished steps: steps waiting for dependencies never run, jobs waiting
   * in their queues are removed and running ones are cancelled.
   *
   * @return how many steps were cancelled
   */
  int cancel(String id);
}
