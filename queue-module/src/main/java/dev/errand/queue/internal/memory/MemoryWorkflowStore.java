package dev.errand.queue.internal.memory;

import static dev.errand.queue.WorkflowStepState.CANCELLED;
import static dev.errand.queue.WorkflowStepState.COMPLETED;
import static dev.errand.queue.WorkflowStepState.DEPENDENCY_FAILED;
import static dev.errand.queue.WorkflowStepState.ENQUEUED;
import static dev.errand.queue.WorkflowStepState.FAILED;
import static dev.errand.queue.WorkflowStepState.READY;
import static dev.errand.queue.WorkflowStepState.WAITING_ON_DEPENDENCIES;

import dev.errand.queue.DependencyFailure;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.Settled;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.StepRecord;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workflows in this process, each guarded by its own lock, with the same rules as the Redis store's
 * scripts: outcomes waiting to be passed on form a queue that each settle call works through a
 * bounded number of edges at a time.
 */
public final class MemoryWorkflowStore implements WorkflowStore {

  private final Map<String, Flow> flows = new ConcurrentHashMap<>();

  @Override
  public boolean create(String workflowId, List<StoredStep> steps) {
    Flow flow = new Flow(steps);
    return flows.putIfAbsent(workflowId, flow) == null;
  }

  @Override
  public Settled settle(String workflowId, String stepId, StepOutcome outcome, int maxEdges) {
    Flow flow = flows.get(workflowId);
    if (flow == null) {
      return new Settled(List.of(), false);
    }
    synchronized (flow) {
      return flow.settle(stepId, outcome, maxEdges);
    }
  }

  @Override
  public void enqueued(String workflowId, Collection<String> stepIds) {
    Flow flow = flows.get(workflowId);
    if (flow == null) {
      return;
    }
    synchronized (flow) {
      for (String id : stepIds) {
        if (flow.state.get(id) == READY) {
          flow.state.put(id, ENQUEUED);
        }
      }
    }
  }

  @Override
  public List<StoredStep> ready(String workflowId) {
    Flow flow = flows.get(workflowId);
    if (flow == null) {
      return List.of();
    }
    synchronized (flow) {
      return flow.inState(READY);
    }
  }

  @Override
  public Optional<List<StepRecord>> steps(String workflowId) {
    Flow flow = flows.get(workflowId);
    if (flow == null) {
      return Optional.empty();
    }
    synchronized (flow) {
      List<StepRecord> records = new ArrayList<>();
      flow.steps.forEach(
          (id, step) -> records.add(new StepRecord(step, flow.state.get(id), flow.reason.get(id))));
      return Optional.of(records);
    }
  }

  @Override
  public Optional<StepRecord> step(String workflowId, String stepId) {
    Flow flow = flows.get(workflowId);
    if (flow == null || !flow.steps.containsKey(stepId)) {
      return Optional.empty();
    }
    synchronized (flow) {
      return Optional.of(
          new StepRecord(flow.steps.get(stepId), flow.state.get(stepId), flow.reason.get(stepId)));
    }
  }

  @Override
  public Map<String, String> results(String workflowId, Collection<String> stepIds) {
    Flow flow = flows.get(workflowId);
    Map<String, String> results = new HashMap<>();
    if (flow == null) {
      return results;
    }
    synchronized (flow) {
      for (String id : stepIds) {
        if (flow.state.get(id) == COMPLETED) {
          results.put(id, flow.result.get(id));
        }
      }
    }
    return results;
  }

  @Override
  public List<StoredStep> cancel(String workflowId) {
    Flow flow = flows.get(workflowId);
    if (flow == null) {
      return List.of();
    }
    synchronized (flow) {
      List<StoredStep> queued = new ArrayList<>();
      flow.state.forEach(
          (id, state) -> {
            if (!state.isFinished()) {
              if (state == READY || state == ENQUEUED) {
                queued.add(flow.steps.get(id));
              }
              flow.state.put(id, CANCELLED);
            }
          });
      return queued;
    }
  }

  /** One workflow's bookkeeping. */
  private static final class Flow {
    final Map<String, StoredStep> steps = new LinkedHashMap<>();
    final Map<String, WorkflowStepState> state = new LinkedHashMap<>();
    final Map<String, Set<String>> pending = new HashMap<>();
    final Map<String, List<StoredStep.Dependency>> dependents = new HashMap<>();
    final Map<String, String> result = new HashMap<>();
    final Map<String, String> reason = new HashMap<>();
    final ArrayDeque<String> todo = new ArrayDeque<>();
    int cursor;

    Flow(List<StoredStep> stored) {
      for (StoredStep step : stored) {
        steps.put(step.id(), step);
        Set<String> waits = new HashSet<>();
        for (StoredStep.Dependency d : step.dependsOn()) {
          waits.add(d.step());
          dependents
              .computeIfAbsent(d.step(), k -> new ArrayList<>())
              .add(new StoredStep.Dependency(step.id(), d.onFailure()));
        }
        pending.put(step.id(), waits);
        state.put(step.id(), waits.isEmpty() ? READY : WAITING_ON_DEPENDENCIES);
      }
    }

    List<StoredStep> inState(WorkflowStepState wanted) {
      List<StoredStep> found = new ArrayList<>();
      state.forEach(
          (id, s) -> {
            if (s == wanted) {
              found.add(steps.get(id));
            }
          });
      return found;
    }

    Settled settle(String stepId, StepOutcome outcome, int maxEdges) {
      List<StoredStep> released = new ArrayList<>();
      WorkflowStepState now = state.get(stepId);
      if (outcome != null && now != null && now != CANCELLED) {
        boolean redo =
            switch (outcome) {
              case StepOutcome.Completed c -> {
                if (now == COMPLETED) {
                  yield true;
                }
                state.put(stepId, COMPLETED);
                result.put(stepId, c.result());
                reason.remove(stepId);
                yield false;
              }
              case StepOutcome.Failed f -> {
                if (now == COMPLETED || now == FAILED) {
                  yield true;
                }
                state.put(stepId, FAILED);
                reason.put(stepId, f.reason());
                yield false;
              }
            };
        if (redo) {
          released.addAll(inState(READY));
        } else {
          todo.add(stepId);
        }
      }
      int budget = maxEdges;
      while (budget > 0 && !todo.isEmpty()) {
        String from = todo.peek();
        List<StoredStep.Dependency> out = dependents.getOrDefault(from, List.of());
        int end = Math.min(out.size(), cursor + budget);
        for (int i = cursor; i < end; i++) {
          pass(from, out.get(i), released);
        }
        budget -= end - cursor;
        if (end >= out.size()) {
          todo.poll();
          cursor = 0;
          budget--;
        } else {
          cursor = end;
        }
      }
      return new Settled(released, !todo.isEmpty());
    }

    /** Passes the state of {@code from} on to one dependent, as settle-workflow.lua does. */
    private void pass(String from, StoredStep.Dependency edge, List<StoredStep> released) {
      String to = edge.step();
      WorkflowStepState fromState = state.get(from);
      WorkflowStepState toState = state.get(to);
      if (toState == CANCELLED) {
        return;
      }
      boolean failed = fromState == FAILED || fromState == DEPENDENCY_FAILED;
      if (fromState == COMPLETED || (failed && edge.onFailure() != DependencyFailure.FAIL)) {
        Set<String> waits = pending.get(to);
        waits.remove(from);
        if (toState == WAITING_ON_DEPENDENCIES && waits.isEmpty()) {
          state.put(to, READY);
          released.add(steps.get(to));
        } else if (toState == DEPENDENCY_FAILED) {
          reconsider(to, released);
        }
      } else if (failed) {
        if (toState == WAITING_ON_DEPENDENCIES) {
          state.put(to, DEPENDENCY_FAILED);
          reason.put(
              to,
              fromState == FAILED
                  ? "dependency '" + from + "' failed: " + reason.get(from)
                  : reason.get(from));
          todo.add(to);
        }
      } else if (toState == DEPENDENCY_FAILED) {
        reconsider(to, released);
      }
    }

    /** A step failed by a dependency waits again once none of its FAIL dependencies has failed. */
    private void reconsider(String id, List<StoredStep> released) {
      for (StoredStep.Dependency d : steps.get(id).dependsOn()) {
        WorkflowStepState s = state.get(d.step());
        if (d.onFailure() == DependencyFailure.FAIL && (s == FAILED || s == DEPENDENCY_FAILED)) {
          return;
        }
      }
      reason.remove(id);
      if (pending.get(id).isEmpty()) {
        state.put(id, READY);
        released.add(steps.get(id));
      } else {
        state.put(id, WAITING_ON_DEPENDENCIES);
      }
      todo.add(id);
    }
  }
}
