package dev.errand.queue.internal.workflow;

import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.WorkflowStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes releases that a process cut short: a workflow stored (or a batch grown) whose adding
 * process died before its first steps reached their queues would wait for ever. Every process that
 * runs workers sweeps now and then; releasing twice adds nothing, so several sweeping at once is
 * harmless.
 */
public final class WorkflowSweeper {

  private static final Logger log = LoggerFactory.getLogger(WorkflowSweeper.class);

  /** How often a process sweeps. */
  public static final Duration PERIOD = Duration.ofSeconds(2);

  /** How long a release may take before it counts as cut short. */
  static final Duration STRANDED_AFTER = Duration.ofSeconds(10);

  private static final int PER_SWEEP = 100;

  private final QueueBackend queues;
  private final WorkflowStore store;
  private final Clock clock;

  private WorkflowSweeper(QueueBackend queues, WorkflowStore store, Clock clock) {
    this.queues = queues;
    this.store = store;
    this.clock = clock;
  }

  /** A sweeper over {@code queues}' workflows, or none when it keeps no workflows. */
  public static Optional<WorkflowSweeper> of(QueueBackend queues, Clock clock) {
    try {
      return Optional.of(new WorkflowSweeper(queues, queues.workflowStore(), clock));
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** Releases the ready steps of workflows whose release has been noted too long. */
  public void sweep() {
    WorkflowDriver driver = new WorkflowDriver(queues, store);
    for (String id : store.unreleased(clock.instant().minus(STRANDED_AFTER), PER_SWEEP)) {
      try {
        driver.releaseReady(id);
        log.info("Workflow {}: finished a release its adding process left undone", id);
      } catch (RuntimeException e) {
        log.warn("Workflow {}: its unfinished release failed again; next sweep retries", id, e);
      }
    }
  }
}
