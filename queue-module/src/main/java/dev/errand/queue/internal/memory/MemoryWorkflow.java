package dev.errand.queue.internal.memory;

import static dev.errand.queue.WorkflowStepState.CANCELLED;
import static dev.errand.queue.WorkflowStepState.COMPLETED;
import static dev.errand.queue.WorkflowStepState.DEPENDENCY_FAILED;
import static dev.errand.queue.WorkflowStepState.FAILED;
import static dev.errand.queue.WorkflowStepState.READY;
import static dev.errand.queue.WorkflowStepState.SKIPPED;
import static dev.errand.queue.WorkflowStepState.WAITING_ON_DEPENDENCIES;

import dev.errand.queue.DependencyFailure;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.Settled;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowStore.Extension;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One workflow's bookkeeping in memory, with the rules of the Redis store's scripts: outcomes
 * waiting to be passed on form a queue that each settle call works through a bounded number of
 * edges at a time. The store holds its lock around every call.
 */
final class MemoryWorkflow {
  final Map<String, StoredStep> steps = new LinkedHashMap<>();
  final Map<String, WorkflowStepState> state = new LinkedHashMap<>();
  final Map<String, Set<String>> pending = new HashMap<>();
  final Map<String, List<StoredStep.Dependency>> dependents = new HashMap<>();
  final Map<String, String> result = new HashMap<>();
  final Map<String, String> reason = new HashMap<>();
  final ArrayDeque<String> todo = new ArrayDeque<>();
  int cursor;

  MemoryWorkflow(List<StoredStep> stored) {
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

  Settled settle(Map<String, StepOutcome> outcomes, int maxEdges) {
    List<StoredStep> released = new ArrayList<>();
    boolean redo = false;
    for (Map.Entry<String, StepOutcome> entry : outcomes.entrySet()) {
      redo |= record(entry.getKey(), entry.getValue());
    }
    if (redo) {
      released.addAll(inState(READY));
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

  /** Records one outcome; true when it was recorded already (a step run again after a crash). */
  private boolean record(String stepId, StepOutcome outcome) {
    WorkflowStepState now = state.get(stepId);
    if (now == null || now == CANCELLED) {
      return false;
    }
    switch (outcome) {
      case StepOutcome.Completed c -> {
        if (now == COMPLETED) {
          return true;
        }
        state.put(stepId, COMPLETED);
        result.put(stepId, c.result());
        reason.remove(stepId);
      }
      case StepOutcome.Failed f -> {
        if (now == COMPLETED || now == FAILED) {
          return true;
        }
        state.put(stepId, FAILED);
        reason.put(stepId, f.reason());
      }
    }
    todo.add(stepId);
    return false;
  }

  /** Passes the state of {@code from} on to one dependent, as workflow-settle.lua does. */
  private void pass(String from, StoredStep.Dependency edge, List<StoredStep> released) {
    String to = edge.step();
    WorkflowStepState fromState = state.get(from);
    WorkflowStepState toState = state.get(to);
    if (toState == CANCELLED) {
      return;
    }
    boolean failed = fromState == FAILED || fromState == DEPENDENCY_FAILED;
    boolean done = fromState == COMPLETED || fromState == SKIPPED;
    if (edge.onFailure() == DependencyFailure.ONLY_ON_FAILURE) {
      if (done) {
        Set<String> waits = pending.get(to);
        waits.remove(from);
        if (toState == WAITING_ON_DEPENDENCIES && waits.isEmpty()) {
          state.put(to, SKIPPED);
          todo.add(to);
        }
      } else if (failed && toState == WAITING_ON_DEPENDENCIES) {
        release(to, released);
      }
      return;
    }
    if (done || (failed && edge.onFailure() != DependencyFailure.FAIL)) {
      Set<String> waits = pending.get(to);
      waits.remove(from);
      if (toState == WAITING_ON_DEPENDENCIES && waits.isEmpty()) {
        release(to, released);
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

  private void release(String id, List<StoredStep> released) {
    state.put(id, READY);
    released.add(steps.get(id));
  }

  Extension extend(StoredStep step) {
    if (steps.containsKey(step.id())) {
      return Extension.PRESENT;
    }
    List<StoredStep> callbacks = steps.values().stream().filter(StoredStep::batchCallback).toList();
    for (StoredStep callback : callbacks) {
      boolean waitsForAll =
          callback.dependsOn().get(0).onFailure() != DependencyFailure.ONLY_ON_FAILURE;
      if (waitsForAll && state.get(callback.id()) != WAITING_ON_DEPENDENCIES) {
        return Extension.CLOSED;
      }
    }
    steps.put(step.id(), step);
    pending.put(step.id(), new HashSet<>());
    state.put(step.id(), READY);
    for (StoredStep callback : callbacks) {
      if (state.get(callback.id()) != WAITING_ON_DEPENDENCIES) {
        continue;
      }
      DependencyFailure policy = callback.dependsOn().get(0).onFailure();
      List<StoredStep.Dependency> deps = new ArrayList<>(callback.dependsOn());
      deps.add(new StoredStep.Dependency(step.id(), policy));
      steps.put(
          callback.id(),
          new StoredStep(callback.id(), callback.queue(), callback.job(), deps, true));
      pending.get(callback.id()).add(step.id());
      dependents
          .computeIfAbsent(step.id(), k -> new ArrayList<>())
          .add(new StoredStep.Dependency(callback.id(), policy));
    }
    return Extension.ADDED;
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
      release(id, released);
    } else {
      state.put(id, WAITING_ON_DEPENDENCIES);
    }
    todo.add(id);
  }
}
