package dev.errand.postgres.internal;

import dev.errand.queue.DependencyFailure;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.StepRecord;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowStore.Extension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch growing while it runs ({@code WorkflowStore#extend}): a new step, and an edge from it to
 * each callback still waiting, in the transaction that holds the batch's row. A callback that ran
 * already closes the batch, except one that runs only on a failure, which has not happened then.
 */
final class PgBatchGrowth {

  private PgBatchGrowth() {}

  static Extension add(Connection c, Tables t, String workflowId, StoredStep step)
      throws SQLException {
    if (!PgWorkflowRows.read(c, t, workflowId, "step_id = ?", step.id()).isEmpty()) {
      return Extension.PRESENT;
    }
    List<StepRecord> callbacks = PgWorkflowRows.read(c, t, workflowId, "callback IS NOT NULL");
    List<StepRecord> open = new ArrayList<>();
    for (StepRecord callback : callbacks) {
      boolean waiting = callback.state() == WorkflowStepState.WAITING_ON_DEPENDENCIES;
      if (!waiting && policy(callback) != DependencyFailure.ONLY_ON_FAILURE) {
        return Extension.CLOSED;
      }
      if (waiting) {
        open.add(callback);
      }
    }
    PgWorkflowRows.insertSteps(c, t, workflowId, List.of(step), nextPosition(c, t, workflowId));
    List<PgWorkflowRows.Edge> edges = new ArrayList<>();
    for (StepRecord callback : open) {
      String id = callback.step().id();
      edges.add(
          new PgWorkflowRows.Edge(
              step.id(), edges.size(), id, callback.step().dependsOn().size(), policy(callback)));
      Jdbc.update(
          c,
          t,
          "UPDATE {wf_step} SET waiting = waiting + 1 WHERE workflow_id = ? AND step_id = ?",
          workflowId,
          id);
    }
    PgWorkflowRows.insertEdges(c, t, workflowId, edges);
    return Extension.ADDED;
  }

  private static DependencyFailure policy(StepRecord callback) {
    return callback.step().dependsOn().getFirst().onFailure();
  }

  private static int nextPosition(Connection c, Tables t, String workflowId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            t.sql("SELECT coalesce(max(position) + 1, 0) FROM {wf_step} WHERE workflow_id = ?"))) {
      try (ResultSet row = Jdbc.bind(select, workflowId).executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }
}
