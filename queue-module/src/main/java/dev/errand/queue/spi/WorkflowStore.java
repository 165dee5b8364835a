package dev.errand.queue.spi;

import dev.errand.queue.WorkflowStepState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where workflows keep their bookkeeping, beside the queues that hold their jobs: each step's job,
 * what it waits for, its state and its result. A backend offers one through {@link
 * QueueBackend#workflowStore()}; the workflow contract suite (errand-tck) states the semantics.
 *
 * <p>Every call touches one workflow only, so a store may keep each workflow in one place (one hash
 * slot on Redis Cluster) and must make each call atomic for it. Jobs go to their queues through the
 * queue backend, not through here, with ids that make a repeated release add nothing.
 */
public interface WorkflowStore {

  /**
   * Stores every step of a new workflow at once; steps with no dependency are {@code READY}, the
   * others wait. Nothing is stored when the workflow exists.
   *
   * @return false when a workflow with this id exists
   */
  boolean create(String workflowId, List<StoredStep> steps);

  /** What {@link #extend} did. */
  enum Extension {
    /** The step was added, and the batch's waiting callbacks wait for it too. */
    ADDED,
    /** The workflow has a step with that id already; nothing changed. */
    PRESENT,
    /** There is no such workflow. */
    NO_WORKFLOW,
    /** A callback waiting for every step was released already, so the batch is closed. */
    CLOSED
  }

  /**
   * Adds {@code step}, which depends on nothing and is {@code READY}, to a stored workflow, and to
   * the dependencies of every {@link StoredStep#batchCallback()} step still waiting.
   */
  Extension extend(String workflowId, StoredStep step);

  /**
   * Records the {@code outcomes} of steps, by step id (none to only go on with earlier work), then
   * passes finished steps' outcomes on to at most {@code maxEdges} dependents: a dependent whose
   * last dependency completed becomes {@code READY}, one whose dependency failed under {@code FAIL}
   * fails in turn, one that failed because of a dependency now completed waits again. What is not
   * passed on in this call stays stored for the next.
   *
   * <p>An outcome already recorded (a step run again after a crash) changes nothing, and the
   * returned steps then include every step still {@code READY}, so that a release that a crash
   * interrupted is finished.
   */
  Settled settle(String workflowId, Map<String, StepOutcome> outcomes, int maxEdges);

  /** Marks {@code READY} steps whose jobs are now in their queues as {@code ENQUEUED}. */
  void enqueued(String workflowId, Collection<String> stepIds);

  /**
   * The steps that are {@code READY}: released but perhaps not yet in their queues. As with {@link
   * Settled#released()}, their dependencies may be left out.
   */
  List<StoredStep> ready(String workflowId);

  /** Every step with its state, in the order stored; empty when there is no such workflow. */
  Optional<List<StepRecord>> steps(String workflowId);

  /** One step with its state; empty when there is no such workflow or step. */
  Optional<StepRecord> step(String workflowId, String stepId);

  /** The states of {@code stepIds} that exist. */
  Map<String, WorkflowStepState> states(String workflowId, Collection<String> stepIds);

  /** The stored results (JSON, or null) of the completed steps among {@code stepIds}. */
  Map<String, String> results(String workflowId, Collection<String> stepIds);

  /**
   * Notes that {@code workflowId}'s steps are about to be released to their queues (after {@link
   * #create} or {@link #extend}), at {@code at}; {@link #released} ends it. A process that dies in
   * between leaves the note, so another can finish the release.
   */
  void releasing(String workflowId, Instant at);

  /**
   * Ends a note of a release: one of {@link #releasing} (the workflow's id), or one that {@link
   * #unreleased} listed.
   */
  void released(String note);

  /**
   * Up to {@code limit} notes of releases noted before {@code before} and not ended: a workflow's
   * id (a note of {@link #releasing}), or, from a backend that settles steps as it acknowledges
   * their jobs ({@link QueueBackend#settleStepsOnAcknowledge}), the workflow's id, a {@code ':'}
   * and what tells that release's note from others. Workflow ids hold no {@code ':'}.
   */
  List<String> unreleased(Instant before, int limit);

  /**
   * Up to {@code limit} ids of workflows added before {@code before}, oldest first, after skipping
   * {@code offset}: those the sweeper deletes once they finished ({@code JOBS_WORKFLOW_RETENTION}).
   * The default finds none, so a store without it keeps workflows until they are removed.
   */
  default List<String> addedBefore(Instant before, int offset, int limit) {
    return List.of();
  }

  /** Workflow ids, newest first, for admin listings. */
  List<String> list(int offset, int limit);

  /**
   * Deletes a workflow's bookkeeping, whatever its state; its jobs stay in their queues.
   *
   * @return false when there is no such workflow
   */
  boolean delete(String workflowId);

  /**
   * Marks every unfinished step {@code CANCELLED}.
   *
   * @return the steps that were {@code READY} or {@code ENQUEUED}, whose jobs may be in queues
   */
  List<StoredStep> cancel(String workflowId);
}
