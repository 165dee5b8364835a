package dev.errand.queue.internal.memory;

import static dev.errand.queue.WorkflowStepState.CANCELLED;
import static dev.errand.queue.WorkflowStepState.COMPLETED;
import static dev.errand.queue.WorkflowStepState.ENQUEUED;
import static dev.errand.queue.WorkflowStepState.READY;

import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.Settled;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.StepRecord;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workflows in this process, each guarded by its own lock, with the same rules as the Redis store's
 * scripts: outcomes waiting to be passed on form a queue that each settle call works through a
 * bounded number of edges at a time.
 */
public final class MemoryWorkflowStore implements WorkflowStore {

  private final Map<String, MemoryWorkflow> flows = new ConcurrentHashMap<>();
  private final List<String> created = new ArrayList<>();
  private final Map<String, Instant> addedAt = new ConcurrentHashMap<>();
  private final Clock clock;

  public MemoryWorkflowStore(Clock clock) {
    this.clock = clock;
  }

  private final Map<String, Instant> releasing = new ConcurrentHashMap<>();

  @Override
  public boolean create(String workflowId, List<StoredStep> steps) {
    MemoryWorkflow flow = new MemoryWorkflow(steps);
    synchronized (created) {
      if (flows.putIfAbsent(workflowId, flow) != null) {
        return false;
      }
      created.add(workflowId);
      addedAt.put(workflowId, clock.instant());
      return true;
    }
  }

  @Override
  public void releasing(String workflowId, Instant at) {
    releasing.putIfAbsent(workflowId, at);
  }

  @Override
  public void released(String workflowId) {
    releasing.remove(workflowId);
  }

  @Override
  public List<String> unreleased(Instant before, int limit) {
    return releasing.entrySet().stream()
        .filter(e -> e.getValue().isBefore(before))
        .map(Map.Entry::getKey)
        .limit(limit)
        .toList();
  }

  @Override
  public List<String> addedBefore(Instant before, int offset, int limit) {
    synchronized (created) {
      return created.stream()
          .filter(id -> addedAt.get(id).isBefore(before))
          .skip(offset)
          .limit(limit)
          .toList();
    }
  }

  @Override
  public List<String> list(int offset, int limit) {
    synchronized (created) {
      List<String> newest = new ArrayList<>(created).reversed();
      return List.copyOf(
          newest.subList(Math.min(offset, newest.size()), Math.min(offset + limit, newest.size())));
    }
  }

  @Override
  public boolean delete(String workflowId) {
    synchronized (created) {
      created.remove(workflowId);
      addedAt.remove(workflowId);
      // Its notes: its id, and those of releases its acknowledgements settled (id, ':', n).
      releasing
          .keySet()
          .removeIf(note -> note.equals(workflowId) || note.startsWith(workflowId + ":"));
      return flows.remove(workflowId) != null;
    }
  }

  @Override
  public Settled settle(String workflowId, Map<String, StepOutcome> outcomes, int maxEdges) {
    MemoryWorkflow flow = flows.get(workflowId);
    if (flow == null) {
      return new Settled(List.of(), false);
    }
    synchronized (flow) {
      return flow.settle(outcomes, maxEdges);
    }
  }

  @Override
  public void enqueued(String workflowId, Collection<String> stepIds) {
    MemoryWorkflow flow = flows.get(workflowId);
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
    MemoryWorkflow flow = flows.get(workflowId);
    if (flow == null) {
      return List.of();
    }
    synchronized (flow) {
      return flow.inState(READY);
    }
  }

  @Override
  public Optional<List<StepRecord>> steps(String workflowId) {
    MemoryWorkflow flow = flows.get(workflowId);
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
  public Extension extend(String workflowId, StoredStep step) {
    MemoryWorkflow flow = flows.get(workflowId);
    if (flow == null) {
      return Extension.NO_WORKFLOW;
    }
    synchronized (flow) {
      return flow.extend(step);
    }
  }

  @Override
  public Map<String, WorkflowStepState> states(String workflowId, Collection<String> stepIds) {
    MemoryWorkflow flow = flows.get(workflowId);
    Map<String, WorkflowStepState> states = new HashMap<>();
    if (flow == null) {
      return states;
    }
    synchronized (flow) {
      for (String id : stepIds) {
        WorkflowStepState s = flow.state.get(id);
        if (s != null) {
          states.put(id, s);
        }
      }
    }
    return states;
  }

  @Override
  public Optional<StepRecord> step(String workflowId, String stepId) {
    MemoryWorkflow flow = flows.get(workflowId);
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
    MemoryWorkflow flow = flows.get(workflowId);
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
    MemoryWorkflow flow = flows.get(workflowId);
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
}
