package dev.errand.queue.internal.workflow;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.WorkflowStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds steps whose jobs are dead while their workflows still count them as queued: a job that died
 * of stalls is recorded by the process whose fetch found it dead, and one that crashed at that very
 * moment leaves nobody to record it, so its dependents would wait until the job was retried. Looks
 * at the newest dead jobs of every queue; recording a failure twice changes nothing.
 */
final class DeadStepCheck {

  private static final Logger log = LoggerFactory.getLogger(DeadStepCheck.class);

  /** Dead jobs looked at per queue and check, newest first. */
  static final int PER_QUEUE = 100;

  private final QueueBackend queues;
  private final WorkflowStore store;

  DeadStepCheck(QueueBackend queues, WorkflowStore store) {
    this.queues = queues;
    this.store = store;
  }

  void run() {
    QueueAdmin admin = queues.admin();
    Map<String, Map<String, StepOutcome>> byWorkflow = new LinkedHashMap<>();
    for (String queue : admin.queues()) {
      for (JobInfo job : admin.jobs(queue, JobState.DEAD, 0, PER_QUEUE)) {
        if (WorkflowJobIds.isStep(job.id())) {
          String why =
              job.failure() == null
                  ? "dead"
                  : job.failure().exceptionClass() + ": " + job.failure().message();
          byWorkflow
              .computeIfAbsent(WorkflowJobIds.workflow(job.id()), w -> new LinkedHashMap<>())
              .put(WorkflowJobIds.step(job.id()), new StepOutcome.Failed(why));
        }
      }
    }
    WorkflowDriver driver = new WorkflowDriver(queues, store);
    byWorkflow.forEach(
        (workflowId, outcomes) -> {
          Map<String, StepOutcome> unrecorded = new LinkedHashMap<>();
          store
              .states(workflowId, outcomes.keySet())
              .forEach(
                  (step, state) -> {
                    if (state == WorkflowStepState.ENQUEUED || state == WorkflowStepState.READY) {
                      unrecorded.put(step, outcomes.get(step));
                    }
                  });
          if (!unrecorded.isEmpty()) {
            driver.settle(workflowId, unrecorded);
            log.info(
                "Workflow {}: recorded steps {} as failed, whose jobs died unrecorded",
                workflowId,
                unrecorded.keySet());
          }
        });
  }
}
