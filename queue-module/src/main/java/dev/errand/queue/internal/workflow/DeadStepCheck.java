package dev.errand.queue.internal.workflow;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.WorkflowJobIds;
import dev.errand.queue.spi.WorkflowStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds steps whose jobs are dead while their workflows still count them as queued: a job that died
 * of stalls is recorded by the process whose fetch found it dead, and one that crashed at that very
 * moment leaves nobody to record it, so its dependents would wait until the job was retried. Looks
 * at the newest dead jobs of each queue whose newest dead job changed since its last look, and only
 * while the store holds a workflow, so an idle application pays one read per look; recording a
 * failure twice changes nothing.
 */
final class DeadStepCheck {

  private static final Logger log = LoggerFactory.getLogger(DeadStepCheck.class);

  /** Dead jobs looked at per queue and check, newest first. */
  static final int PER_QUEUE = 100;

  private final QueueBackend queues;
  private final WorkflowStore store;

  /** Each queue's newest dead job at the last look (touched by the sweeping thread only). */
  private final Map<String, String> newestSeen = new HashMap<>();

  DeadStepCheck(QueueBackend queues, WorkflowStore store) {
    this.queues = queues;
    this.store = store;
  }

  void run() {
    if (store.list(0, 1).isEmpty()) {
      return;
    }
    QueueAdmin admin = queues.admin();
    Map<String, Map<String, StepOutcome>> byWorkflow = new LinkedHashMap<>();
    for (String queue : admin.queues()) {
      // The newest, not the count: a dead list kept at its length by retention changes, not grows.
      String newest =
          admin.jobs(queue, JobState.DEAD, 0, 1).stream().findFirst().map(JobInfo::id).orElse(null);
      String before = newestSeen.put(queue, newest);
      if (newest == null || newest.equals(before)) {
        continue;
      }
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
