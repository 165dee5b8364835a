package dev.errand.queue.internal.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.queue.Dependencies;
import dev.errand.queue.DependencyFailure;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.StepRecord;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowJobIds;
import dev.errand.queue.spi.WorkflowStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** A running step's view of its dependencies, read from the store once, when first asked. */
public final class StepDependencies implements Dependencies {

  private final WorkflowStore store;
  private final ObjectMapper mapper;
  private final String workflowId;
  private final String stepId;
  private List<StoredStep.Dependency> dependsOn;
  private Map<String, String> results;
  private Map<String, String> failures;
  private Counts counts;

  private StepDependencies(
      WorkflowStore store, ObjectMapper mapper, String workflowId, String stepId) {
    this.store = store;
    this.mapper = mapper;
    this.workflowId = workflowId;
    this.stepId = stepId;
  }

  /** The dependencies of job {@code jobId}: none unless it is a workflow step's. */
  public static Dependencies of(Supplier<WorkflowStore> stores, ObjectMapper mapper, String jobId) {
    if (!WorkflowJobIds.isStep(jobId)) {
      return Dependencies.none();
    }
    WorkflowStore store;
    try {
      store = stores.get();
    } catch (UnsupportedOperationException e) {
      return Dependencies.none();
    }
    return new StepDependencies(
        store, mapper, WorkflowJobIds.workflow(jobId), WorkflowJobIds.step(jobId));
  }

  private synchronized void load() {
    if (results != null) {
      return;
    }
    StepRecord me =
        store
            .step(workflowId, stepId)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Step '" + stepId + "' of workflow " + workflowId + " is not stored"));
    dependsOn = me.step().dependsOn();
    List<String> ids = dependsOn.stream().map(StoredStep.Dependency::step).toList();
    results = store.results(workflowId, ids);
    failures = new LinkedHashMap<>();
    if (results.size() == ids.size()) {
      // Every dependency completed: none failed, so a fan-in of thousands reads no states again.
      counts = new Counts(ids.size(), results.size(), 0);
      return;
    }
    Map<String, WorkflowStepState> states = store.states(workflowId, ids);
    int failed = 0;
    for (StoredStep.Dependency d : dependsOn) {
      WorkflowStepState state = states.get(d.step());
      if (state != WorkflowStepState.FAILED && state != WorkflowStepState.DEPENDENCY_FAILED) {
        continue;
      }
      failed++;
      if (d.onFailure() == DependencyFailure.PASS
          || d.onFailure() == DependencyFailure.ONLY_ON_FAILURE) {
        store.step(workflowId, d.step()).ifPresent(r -> failures.put(d.step(), r.failure()));
      }
    }
    counts = new Counts(ids.size(), results.size(), failed);
  }

  @Override
  public Optional<String> workflowId() {
    return Optional.of(workflowId);
  }

  @Override
  public <R> List<R> results(Class<R> type) {
    load();
    List<R> read = new ArrayList<>();
    for (StoredStep.Dependency d : dependsOn) {
      if (results.containsKey(d.step())) {
        read.add(read(d.step(), results.get(d.step()), type));
      }
    }
    return read;
  }

  @Override
  public <R> Optional<R> result(String step, Class<R> type) {
    load();
    if (dependsOn.stream().noneMatch(d -> d.step().equals(step))) {
      throw new IllegalArgumentException(
          "Step '" + stepId + "' of workflow " + workflowId + " does not depend on '" + step + "'");
    }
    if (!results.containsKey(step)) {
      throw new IllegalArgumentException(
          "Dependency '" + step + "' of step '" + stepId + "' did not complete, so has no result");
    }
    return Optional.ofNullable(read(step, results.get(step), type));
  }

  private <R> R read(String step, String json, Class<R> type) {
    if (json == null) {
      return null;
    }
    try {
      return mapper.readValue(json, type);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "The result of step '"
              + step
              + "' of workflow "
              + workflowId
              + " cannot be read as "
              + type.getName()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public Counts counts() {
    load();
    return counts;
  }

  @Override
  public Map<String, String> failures() {
    load();
    return Map.copyOf(failures);
  }
}
