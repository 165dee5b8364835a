package dev.errand.postgres.internal;

import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.Settled;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.StepRecord;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Workflows in PostgreSQL tables (migration V4). Every call that changes a workflow is one
 * transaction that first locks the workflow's row, so calls on one workflow take turns while other
 * workflows go on: a step whose last two dependencies finish at once in two processes is released
 * by whichever passes the second, once. A new workflow's steps and dependencies are written in one
 * transaction, all or none.
 */
final class PgWorkflowStore implements WorkflowStore {

  static final String LOCK = "SELECT todo_at FROM {workflow} WHERE id = ? FOR UPDATE";

  static final String ENQUEUED =
      "UPDATE {wf_step} SET state = 'ENQUEUED' WHERE workflow_id = ?"
          + " AND step_id = ANY (?) AND state = 'READY'";

  private final Supplier<Jdbc> jdbc;
  private final Tables t;
  private final PgWorkflowReads reads;

  PgWorkflowStore(Supplier<Jdbc> jdbc, Tables tables) {
    this.jdbc = jdbc;
    this.t = tables;
    this.reads = new PgWorkflowReads(jdbc, tables);
  }

  @FunctionalInterface
  private interface Locked<T> {
    T apply(Connection c, int todoAt) throws SQLException;
  }

  /**
   * {@code work} in a transaction holding the workflow's row; {@code absent} when there is none.
   */
  private <T> T locked(String what, String workflowId, T absent, Locked<T> work) {
    return jdbc.get()
        .transaction(
            what + " of workflow " + workflowId, c -> lockedIn(c, workflowId, absent, work));
  }

  /** {@code work} in the transaction on {@code c}, once it holds the workflow's row. */
  private <T> T lockedIn(Connection c, String workflowId, T absent, Locked<T> work)
      throws SQLException {
    try (PreparedStatement lock = c.prepareStatement(t.sql(LOCK))) {
      try (ResultSet row = Jdbc.bind(lock, workflowId).executeQuery()) {
        if (!row.next()) {
          return absent;
        }
        return work.apply(c, row.getInt(1));
      }
    }
  }

  private <T> T read(String what, Jdbc.Work<T> work) {
    return jdbc.get().autoCommit(what, work);
  }

  @Override
  public boolean create(String workflowId, List<StoredStep> steps) {
    return jdbc.get()
        .transaction(
            "store the " + steps.size() + " step(s) of workflow " + workflowId,
            c -> {
              if (Jdbc.update(
                      c,
                      t,
                      "INSERT INTO {workflow} (id) VALUES (?) ON CONFLICT (id) DO NOTHING",
                      workflowId)
                  == 0) {
                return false;
              }
              PgWorkflowRows.insertSteps(c, t, workflowId, steps, 0);
              PgWorkflowRows.insertEdges(c, t, workflowId, PgWorkflowRows.edgesOf(steps));
              return true;
            });
  }

  @Override
  public Extension extend(String workflowId, StoredStep step) {
    return locked(
        "add step '" + step.id() + "' to the batch",
        workflowId,
        Extension.NO_WORKFLOW,
        (c, todoAt) -> PgBatchGrowth.add(c, t, workflowId, step));
  }

  @Override
  public Settled settle(String workflowId, Map<String, StepOutcome> outcomes, int maxEdges) {
    return locked(
        "pass on step outcomes", workflowId, NOTHING, settling(workflowId, outcomes, maxEdges));
  }

  private static final Settled NOTHING = new Settled(List.of(), false);

  /**
   * {@link #settle} in the transaction on {@code c} (an acknowledgement's, {@link PgStepSettles}):
   * it locks the workflow's row, so a caller settling several workflows takes them in one order.
   */
  Settled settleIn(Connection c, String workflowId, Map<String, StepOutcome> outcomes, int maxEdges)
      throws SQLException {
    return lockedIn(c, workflowId, NOTHING, settling(workflowId, outcomes, maxEdges));
  }

  private Locked<Settled> settling(
      String workflowId, Map<String, StepOutcome> outcomes, int maxEdges) {
    return (c, todoAt) -> {
      PgSettleRows rows = new PgSettleRows(c, t, workflowId, todoAt);
      PgWorkflowSettle settle = new PgWorkflowSettle(rows);
      boolean redo = settle.record(outcomes);
      List<String> released = settle.pass(maxEdges);
      rows.write();
      // A step run again after a crash: what that crash may have left ready goes out again.
      List<StoredStep> steps =
          redo
              ? PgWorkflowRows.toQueue(c, t, workflowId, "state = 'READY'")
              : PgWorkflowRows.steps(c, t, workflowId, released);
      return new Settled(steps, settle.more());
    };
  }

  @Override
  public void enqueued(String workflowId, Collection<String> stepIds) {
    if (stepIds.isEmpty()) {
      return;
    }
    read(
        "note the queued steps of workflow " + workflowId,
        c -> Jdbc.update(c, t, ENQUEUED, workflowId, Jdbc.texts(c, stepIds)));
  }

  @Override
  public void releasing(String workflowId, Instant at) {
    read(
        "note the release of workflow " + workflowId,
        c ->
            Jdbc.update(
                c,
                t,
                "INSERT INTO {wf_release} (workflow_id, since) VALUES (?, ?)"
                    + " ON CONFLICT (workflow_id) DO NOTHING",
                workflowId,
                at.toEpochMilli()));
  }

  @Override
  public void released(String workflowId) {
    read(
        "end the release of workflow " + workflowId,
        c -> Jdbc.update(c, t, "DELETE FROM {wf_release} WHERE workflow_id = ?", workflowId));
  }

  @Override
  public boolean delete(String workflowId) {
    return locked(
        "delete",
        workflowId,
        false,
        (c, todoAt) -> {
          for (String table : List.of("{wf_step}", "{wf_edge}", "{wf_todo}")) {
            Jdbc.update(c, t, "DELETE FROM " + table + " WHERE workflow_id = ?", workflowId);
          }
          // Its notes: its id, and those of releases its acknowledgements settled (PgStepSettles:
          // workflow id, ':', transaction id).
          Jdbc.update(
              c,
              t,
              "DELETE FROM {wf_release} WHERE workflow_id = ? OR starts_with(workflow_id, ?)",
              workflowId,
              workflowId + ":");
          Jdbc.update(c, t, "DELETE FROM {workflow} WHERE id = ?", workflowId);
          return true;
        });
  }

  @Override
  public List<StoredStep> cancel(String workflowId) {
    return locked(
        "cancel",
        workflowId,
        List.of(),
        (c, todoAt) -> {
          List<StoredStep> queued =
              PgWorkflowRows.read(c, t, workflowId, "state IN ('READY', 'ENQUEUED')").stream()
                  .map(StepRecord::step)
                  .toList();
          Jdbc.update(
              c,
              t,
              "UPDATE {wf_step} SET state = 'CANCELLED' WHERE workflow_id = ?"
                  + " AND state IN ('WAITING_ON_DEPENDENCIES', 'READY', 'ENQUEUED')",
              workflowId);
          return queued;
        });
  }

  @Override
  public List<StoredStep> ready(String workflowId) {
    return reads.ready(workflowId);
  }

  @Override
  public Optional<List<StepRecord>> steps(String workflowId) {
    return reads.steps(workflowId);
  }

  @Override
  public Optional<StepRecord> step(String workflowId, String stepId) {
    return reads.step(workflowId, stepId);
  }

  @Override
  public Map<String, WorkflowStepState> states(String workflowId, Collection<String> stepIds) {
    return reads.states(workflowId, stepIds);
  }

  @Override
  public Map<String, String> results(String workflowId, Collection<String> stepIds) {
    return reads.results(workflowId, stepIds);
  }

  @Override
  public List<String> unreleased(Instant before, int limit) {
    return reads.unreleased(before, limit);
  }

  @Override
  public List<String> addedBefore(Instant before, int offset, int limit) {
    return reads.addedBefore(before, offset, limit);
  }

  @Override
  public List<String> list(int offset, int limit) {
    return reads.list(offset, limit);
  }
}
