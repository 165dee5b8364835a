package dev.errand.postgres.internal;

import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.StepRecord;
import dev.errand.queue.spi.StoredStep;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The reads of {@link PgWorkflowStore}: each one statement or two in auto-commit, no lock. */
final class PgWorkflowReads {

  static final String UNRELEASED =
      "SELECT workflow_id FROM {wf_release} WHERE since < ? ORDER BY since LIMIT ?";

  static final String LIST = "SELECT id FROM {workflow} ORDER BY created DESC OFFSET ? LIMIT ?";

  static final String ADDED_BEFORE =
      "SELECT id FROM {workflow} WHERE added_at < ? ORDER BY added_at, id OFFSET ? LIMIT ?";

  private final Supplier<Jdbc> jdbc;
  private final Tables t;

  PgWorkflowReads(Supplier<Jdbc> jdbc, Tables tables) {
    this.jdbc = jdbc;
    this.t = tables;
  }

  private <T> T read(String what, Jdbc.Work<T> work) {
    return jdbc.get().autoCommit(what, work);
  }

  List<StoredStep> ready(String workflowId) {
    return read(
        "read the ready steps of workflow " + workflowId,
        c -> PgWorkflowRows.toQueue(c, t, workflowId, "state = 'READY'"));
  }

  Optional<List<StepRecord>> steps(String workflowId) {
    return read(
        "read the steps of workflow " + workflowId,
        c -> {
          List<StepRecord> steps = PgWorkflowRows.read(c, t, workflowId, "true");
          return steps.isEmpty() ? Optional.empty() : Optional.of(steps);
        });
  }

  Optional<StepRecord> step(String workflowId, String stepId) {
    return read(
        "read step '" + stepId + "' of workflow " + workflowId,
        c -> PgWorkflowRows.read(c, t, workflowId, "step_id = ?", stepId).stream().findFirst());
  }

  Map<String, WorkflowStepState> states(String workflowId, Collection<String> stepIds) {
    Map<String, WorkflowStepState> states = new HashMap<>();
    if (stepIds.isEmpty()) {
      return states;
    }
    selectByStep(
        workflowId,
        "state",
        stepIds,
        "true",
        (id, value) -> states.put(id, WorkflowStepState.valueOf(value)));
    return states;
  }

  Map<String, String> results(String workflowId, Collection<String> stepIds) {
    Map<String, String> results = new HashMap<>();
    if (stepIds.isEmpty()) {
      return results;
    }
    selectByStep(workflowId, "result", stepIds, "state = 'COMPLETED'", results::put);
    return results;
  }

  private void selectByStep(
      String workflowId,
      String column,
      Collection<String> stepIds,
      String condition,
      java.util.function.BiConsumer<String, String> each) {
    read(
        "read the " + column + "s of steps of workflow " + workflowId,
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  t.sql(
                      "SELECT step_id, "
                          + column
                          + " FROM {wf_step} WHERE workflow_id = ? AND step_id = ANY (?) AND "
                          + condition))) {
            try (ResultSet r =
                Jdbc.bind(select, workflowId, Jdbc.texts(c, stepIds)).executeQuery()) {
              while (r.next()) {
                each.accept(r.getString(1), r.getString(2));
              }
            }
          }
          return null;
        });
  }

  List<String> unreleased(Instant before, int limit) {
    return ids("find unfinished workflow releases", UNRELEASED, before.toEpochMilli(), limit);
  }

  /** The database's clock stamps adds; retention is days long, so hosts' skew does not matter. */
  List<String> addedBefore(Instant before, int offset, int limit) {
    return ids(
        "find workflows past their retention", ADDED_BEFORE, before.toEpochMilli(), offset, limit);
  }

  List<String> list(int offset, int limit) {
    return ids("list workflows", LIST, offset, limit);
  }

  private List<String> ids(String what, String sql, Object... values) {
    return read(
        what,
        c -> {
          List<String> ids = new ArrayList<>();
          try (PreparedStatement select = c.prepareStatement(t.sql(sql))) {
            try (ResultSet r = Jdbc.bind(select, values).executeQuery()) {
              while (r.next()) {
                ids.add(r.getString(1));
              }
            }
          }
          return ids;
        });
  }
}
