package dev.errand.queue.internal.workflow;

import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.StepRecord;
import dev.errand.queue.spi.WorkflowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes releases that a process cut short (a workflow stored, or a batch grown, whose adding
 * process died before its first steps reached their queues would wait for ever), records steps
 * whose jobs died of stalls while nobody recorded it, and deletes finished workflows older than
 * their retention. Every process that runs workers sweeps now and then; releasing twice adds
 * nothing and deleting twice deletes once, so several sweeping at once is harmless.
 */
public final class WorkflowSweeper {

  private static final Logger log = LoggerFactory.getLogger(WorkflowSweeper.class);

  /** How often a process sweeps. */
  public static final Duration PERIOD = Duration.ofSeconds(2);

  /** How long a release may take before it counts as cut short. */
  static final Duration STRANDED_AFTER = Duration.ofSeconds(10);

  /**
   * The longest between two looks for workflows past their retention: often enough that one is
   * deleted within a minute of being due, rarely enough that old unfinished ones cost little.
   */
  private static final Duration LONGEST_RETENTION_CHECK = Duration.ofMinutes(1);

  /** How often a process looks for steps whose jobs died unrecorded ({@link DeadStepCheck}). */
  static final Duration DEAD_STEP_CHECK = Duration.ofSeconds(10);

  private static final int PER_SWEEP = 100;

  private final QueueBackend queues;
  private final WorkflowStore store;
  private final Clock clock;
  private final Duration retention;
  private final Duration retentionCheck;
  private final DeadStepCheck deadSteps;
  private Instant nextRetentionCheck = Instant.MIN;
  private Instant nextDeadStepCheck = Instant.MIN;

  /**
   * How many unfinished workflows past their retention the last look skipped: the next skips them.
   */
  private int unfinishedSeen;

  private WorkflowSweeper(
      QueueBackend queues, WorkflowStore store, Clock clock, Duration retention) {
    this.queues = queues;
    this.store = store;
    this.clock = clock;
    this.retention = retention;
    this.deadSteps = new DeadStepCheck(queues, store);
    Duration tenth = retention.dividedBy(10);
    this.retentionCheck =
        tenth.compareTo(PERIOD) < 0
            ? PERIOD
            : tenth.compareTo(LONGEST_RETENTION_CHECK) > 0 ? LONGEST_RETENTION_CHECK : tenth;
  }

  /**
   * A sweeper over {@code queues}' workflows, or none when it keeps no workflows.
   *
   * @param retention how long a workflow is kept once added ({@code JOBS_WORKFLOW_RETENTION})
   */
  public static Optional<WorkflowSweeper> of(QueueBackend queues, Clock clock, Duration retention) {
    try {
      return Optional.of(new WorkflowSweeper(queues, queues.workflowStore(), clock, retention));
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /**
   * Releases cut short; now and then, records steps whose jobs died unrecorded and deletes finished
   * workflows past their retention.
   */
  public void sweep() {
    WorkflowDriver driver = new WorkflowDriver(queues, store);
    for (String note : store.unreleased(clock.instant().minus(STRANDED_AFTER), PER_SWEEP)) {
      String id = workflowOf(note);
      try {
        driver.finishRelease(id);
        store.released(note);
        log.info("Workflow {}: finished a release its process left undone", id);
      } catch (RuntimeException e) {
        log.warn("Workflow {}: its unfinished release failed again; next sweep retries", id, e);
      }
    }
    Instant now = clock.instant();
    if (!now.isBefore(nextDeadStepCheck)) {
      nextDeadStepCheck = now.plus(DEAD_STEP_CHECK);
      try {
        deadSteps.run();
      } catch (RuntimeException e) {
        log.warn(
            "Looking for workflow steps that died unrecorded failed; the next look retries", e);
      }
    }
    if (!now.isBefore(nextRetentionCheck)) {
      nextRetentionCheck = now.plus(retentionCheck);
      try {
        deleteExpired(now);
      } catch (RuntimeException e) {
        log.warn("Deleting workflows past their retention failed; the next look retries", e);
      }
    }
  }

  /** The workflow a note of {@link WorkflowStore#unreleased} is about. */
  private static String workflowOf(String note) {
    int colon = note.indexOf(':');
    return colon < 0 ? note : note.substring(0, colon);
  }

  /**
   * Deletes up to a page of finished workflows added more than the retention ago. Unfinished ones
   * stay, and are skipped by the next look, which starts over once a page comes back short.
   */
  private void deleteExpired(Instant now) {
    List<String> due = store.addedBefore(now.minus(retention), unfinishedSeen, PER_SWEEP);
    int unfinished = 0;
    for (String id : due) {
      Optional<List<StepRecord>> steps = store.steps(id);
      boolean finished =
          steps.isEmpty()
              || steps.get().stream()
                  .map(StepRecord::state)
                  .allMatch(WorkflowStepState::isFinished);
      if (finished) {
        store.delete(id);
      } else {
        unfinished++;
      }
    }
    unfinishedSeen = due.size() < PER_SWEEP ? 0 : unfinishedSeen + unfinished;
  }
}
