package dev.errand.postgres.internal;

import static dev.errand.queue.WorkflowStepState.CANCELLED;
import static dev.errand.queue.WorkflowStepState.COMPLETED;
import static dev.errand.queue.WorkflowStepState.DEPENDENCY_FAILED;
import static dev.errand.queue.WorkflowStepState.FAILED;
import static dev.errand.queue.WorkflowStepState.READY;
import static dev.errand.queue.WorkflowStepState.SKIPPED;
import static dev.errand.queue.WorkflowStepState.WAITING_ON_DEPENDENCIES;

import dev.errand.queue.DependencyFailure;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.StepOutcome;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code settle} call on one workflow, inside the transaction that locked its row: the rules of
 * the memory store and the Redis script (workflow-settle.lua), applied to the rows {@link
 * PgSettleRows} reads and writes back.
 */
final class PgWorkflowSettle {

  private final PgSettleRows rows;
  private final List<String> released = new ArrayList<>();

  PgWorkflowSettle(PgSettleRows rows) {
    this.rows = rows;
  }

  /** Records the outcomes; true when one was recorded already (a step run again after a crash). */
  boolean record(Map<String, StepOutcome> outcomes) throws SQLException {
    rows.load(outcomes.keySet());
    boolean redo = false;
    for (Map.Entry<String, StepOutcome> entry : outcomes.entrySet()) {
      String id = entry.getKey();
      PgSettleRows.Step step = rows.step(id);
      if (step == null || step.state == CANCELLED) {
        continue;
      }
      switch (entry.getValue()) {
        case StepOutcome.Completed done -> {
          if (step.state == COMPLETED) {
            redo = true;
            continue;
          }
          change(step, COMPLETED, null);
          step.result = done.result();
          step.newResult = true;
        }
        case StepOutcome.Failed failed -> {
          if (step.state == COMPLETED || step.state == FAILED) {
            redo = true;
            continue;
          }
          change(step, FAILED, failed.reason());
        }
      }
      rows.push(id);
    }
    return redo;
  }

  /** Passes outcomes on to at most {@code maxEdges} dependents; ids of the steps released. */
  List<String> pass(int maxEdges) throws SQLException {
    int budget = maxEdges;
    rows.readAhead(budget);
    while (budget > 0 && !rows.todoEmpty()) {
      String from = rows.head();
      List<PgSettleRows.Edge> out = rows.dependents(from, budget + 1);
      boolean more = out.size() > budget;
      List<PgSettleRows.Edge> now = more ? out.subList(0, budget) : out;
      List<String> read = new ArrayList<>(List.of(from));
      now.forEach(edge -> read.add(edge.to()));
      rows.load(read);
      for (PgSettleRows.Edge edge : now) {
        pass(from, edge);
      }
      if (more) {
        rows.advance(budget);
        budget = 0;
      } else {
        rows.finishHead();
        budget -= now.size() + 1;
      }
    }
    return released;
  }

  boolean more() {
    return !rows.todoEmpty();
  }

  private void pass(String from, PgSettleRows.Edge edge) throws SQLException {
    PgSettleRows.Step fromStep = rows.step(from);
    PgSettleRows.Step to = rows.step(edge.to());
    if (to == null || to.state == CANCELLED) {
      return;
    }
    WorkflowStepState fromState = fromStep.state;
    boolean failed = fromState == FAILED || fromState == DEPENDENCY_FAILED;
    boolean done = fromState == COMPLETED || fromState == SKIPPED;
    if (edge.policy() == DependencyFailure.ONLY_ON_FAILURE) {
      if (done) {
        rows.passed(from, edge, to, failed);
        if (to.state == WAITING_ON_DEPENDENCIES && to.waiting == 0) {
          change(to, SKIPPED, to.reason);
          rows.push(edge.to());
        }
      } else if (failed && to.state == WAITING_ON_DEPENDENCIES) {
        release(edge.to(), to);
      }
      return;
    }
    if (done || (failed && edge.policy() != DependencyFailure.FAIL)) {
      rows.passed(from, edge, to, failed);
      if (to.state == WAITING_ON_DEPENDENCIES && to.waiting == 0) {
        release(edge.to(), to);
      } else if (to.state == DEPENDENCY_FAILED) {
        reconsider(edge.to(), to);
      }
    } else if (failed) {
      if (to.state == WAITING_ON_DEPENDENCIES) {
        String why = fromStep.reason == null ? "" : fromStep.reason;
        change(
            to,
            DEPENDENCY_FAILED,
            fromState == FAILED ? "dependency '" + from + "' failed: " + why : why);
        rows.push(edge.to());
      }
    } else if (to.state == DEPENDENCY_FAILED) {
      reconsider(edge.to(), to);
    }
  }

  /** A step failed by a dependency waits again once none of its FAIL dependencies has failed. */
  private void reconsider(String id, PgSettleRows.Step step) throws SQLException {
    List<String> failFirst = rows.failDependencies(id);
    rows.load(failFirst);
    for (String dep : failFirst) {
      WorkflowStepState s = rows.step(dep).state;
      if (s == FAILED || s == DEPENDENCY_FAILED) {
        return;
      }
    }
    step.reason = null;
    if (step.waiting == 0) {
      release(id, step);
    } else {
      change(step, WAITING_ON_DEPENDENCIES, null);
    }
    rows.push(id);
  }

  private void release(String id, PgSettleRows.Step step) {
    change(step, READY, step.reason);
    released.add(id);
  }

  private static void change(PgSettleRows.Step step, WorkflowStepState state, String reason) {
    step.state = state;
    step.reason = reason;
    step.dirty = true;
  }
}
