package dev.errand.queue.internal.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobType;
import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowInfo;
import dev.errand.queue.WorkflowService;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.internal.OptionsCodec;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.StepRecord;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowJobIds;
import dev.errand.queue.spi.WorkflowStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks and stores workflows, then drives their first steps; retries and cancels them. */
public final class DefaultWorkflowService implements WorkflowService {

  private final QueueBackend queues;
  private final ObjectMapper mapper;
  private final OptionsCodec codec;
  private final Clock clock;

  /**
   * @param queues where step jobs go, sharding included, with its workflow store
   * @param clock when a release starts, for the sweeper to tell one cut short
   */
  public DefaultWorkflowService(QueueBackend queues, ObjectMapper mapper, Clock clock) {
    this.queues = queues;
    this.mapper = mapper;
    this.codec = new OptionsCodec(mapper);
    this.clock = clock;
  }

  private WorkflowStore store() {
    return queues.workflowStore();
  }

  @Override
  public String add(Workflow workflow) {
    List<Workflow.Step> steps = workflow.steps();
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("Workflow " + workflow.id() + " has no steps");
    }
    Map<String, List<String>> graph = new LinkedHashMap<>();
    steps.forEach(s -> graph.put(s.id(), s.dependencyIds()));
    List<String> cycle = CycleCheck.find(graph);
    if (!cycle.isEmpty()) {
      throw new IllegalArgumentException(
          "Workflow "
              + workflow.id()
              + " has a cycle, so none of its steps could run: "
              + String.join(" -> ", cycle)
              + " (each step waits for the next)");
    }
    List<StoredStep> stored = new ArrayList<>();
    for (Workflow.Step step : steps) {
      List<StoredStep.Dependency> deps = new ArrayList<>();
      step.dependsOn().forEach((id, policy) -> deps.add(new StoredStep.Dependency(id, policy)));
      stored.add(
          new StoredStep(
              step.id(),
              step.queue(),
              draft(workflow.id(), step.id(), step.name(), step.payload(), step.options()),
              deps,
              step.isBatchCallback()));
    }
    WorkflowStore s = store();
    s.releasing(workflow.id(), clock.instant());
    WorkflowDriver driver = new WorkflowDriver(queues, s);
    if (s.create(workflow.id(), stored)) {
      // Just stored: its ready steps are those that wait for nothing, no need to read them back.
      driver.releaseRoots(
          workflow.id(), stored.stream().filter(step -> step.dependsOn().isEmpty()).toList());
    } else {
      driver.releaseReady(workflow.id());
    }
    return workflow.id();
  }

  @Override
  public <T> String addToBatch(String batchId, String stepId, JobType<T> type, T payload) {
    // The same checks as a step of a new workflow.
    Workflow.Step checked = Workflow.withId(batchId).step(stepId, type, payload);
    StoredStep step =
        new StoredStep(
            stepId,
            type.queue(),
            draft(batchId, stepId, type.name(), payload, checked.options()),
            List.of(),
            false);
    WorkflowStore s = store();
    s.releasing(batchId, clock.instant());
    switch (s.extend(batchId, step)) {
      case NO_WORKFLOW ->
          throw new IllegalArgumentException("There is no batch or workflow " + batchId);
      case CLOSED ->
          throw new IllegalArgumentException(
              "Batch "
                  + batchId
                  + " has finished (its callbacks were released): add to it only while it runs,"
                  + " from one of its own jobs");
      case ADDED, PRESENT -> new WorkflowDriver(queues, s).releaseReady(batchId);
    }
    return step.job().jobId();
  }

  private JobDraft draft(
      String workflowId, String stepId, String name, Object value, JobOptions options) {
    String payload;
    try {
      payload = mapper.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "The payload of step '"
              + stepId
              + "' of workflow "
              + workflowId
              + " cannot be written as JSON ("
              + e.getMessage()
              + "): use a record or a class with getters, or a Map",
          e);
    }
    return new JobDraft(
        name,
        payload,
        codec.write(options),
        WorkflowJobIds.of(workflowId, stepId),
        options.priority(),
        null,
        options.group().orElse(null));
  }

  @Override
  public Optional<WorkflowInfo> workflow(String id) {
    return store()
        .steps(id)
        .map(
            records ->
                new WorkflowInfo(
                    id, records.stream().map(DefaultWorkflowService::describe).toList()));
  }

  private static WorkflowInfo.Step describe(StepRecord record) {
    StoredStep step = record.step();
    return new WorkflowInfo.Step(
        step.id(),
        step.queue(),
        step.job().name(),
        step.job().jobId(),
        step.dependsOn().stream().map(StoredStep.Dependency::step).toList(),
        record.state(),
        record.failure());
  }

  @Override
  public List<String> workflowIds(int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException(
          "offset and limit must be 0 or more, not " + offset + " and " + limit);
    }
    return store().list(offset, limit);
  }

  @Override
  public boolean remove(String id) {
    Optional<WorkflowInfo> info = workflow(id);
    if (info.isEmpty()) {
      return false;
    }
    List<String> running =
        info.get().steps().stream()
            .filter(s -> !s.state().isFinished())
            .map(WorkflowInfo.Step::id)
            .toList();
    if (!running.isEmpty()) {
      throw new IllegalStateException(
          "Workflow " + id + " has unfinished steps " + running + ": cancel it before removing it");
    }
    return store().delete(id);
  }

  @Override
  public int retry(String id) {
    int retried = 0;
    for (StepRecord record : store().steps(id).orElse(List.of())) {
      if (record.state() == WorkflowStepState.FAILED) {
        StoredStep step = record.step();
        if (!queues.admin().retry(step.queue(), step.job().jobId())) {
          // Its record is gone (removeOnFail): the same job again, under the same id.
          queues.add(step.queue(), List.of(step.job()));
        }
        retried++;
      }
    }
    return retried;
  }

  @Override
  public int cancel(String id) {
    List<StoredStep> queued = store().cancel(id);
    for (StoredStep step : queued) {
      String jobId = step.job().jobId();
      if (!queues.admin().remove(step.queue(), jobId)) {
        queues.admin().cancel(step.queue(), jobId);
      }
    }
    return (int)
        store().steps(id).orElse(List.of()).stream()
            .filter(r -> r.state() == WorkflowStepState.CANCELLED)
            .count();
  }
}
