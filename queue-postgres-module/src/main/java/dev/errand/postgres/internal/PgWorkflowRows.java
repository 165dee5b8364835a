package dev.errand.postgres.internal;

import dev.errand.queue.DependencyFailure;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.StepRecord;
import dev.errand.queue.spi.StoredStep;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workflow steps and their dependencies as rows: written in bulk (one statement per table, the
 * values as arrays) and read back as {@link StoredStep}s with their dependencies in the order they
 * were named.
 */
final class PgWorkflowRows {

  private static final String INSERT_STEPS =
      "INSERT INTO {wf_step} (workflow_id, step_id, position, queue, name, payload, options,"
          + " job_id, priority, job_group, callback, state, waiting)"
          + " SELECT ?, u.* FROM unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::int[]) AS u";

  private static final String INSERT_EDGES =
      "INSERT INTO {wf_edge} (workflow_id, from_step, position, to_step, dep_position, policy)"
          + " SELECT ?, u.* FROM unnest(?::text[], ?::int[], ?::text[], ?::int[], ?::text[]) AS u";

  private static final String COLUMNS =
      "step_id, queue, name, payload, options, job_id, priority, job_group, callback, state,"
          + " reason";

  static final String DEPENDENCIES =
      "SELECT to_step, from_step, policy FROM {wf_edge} WHERE workflow_id = ?"
          + " AND to_step = ANY (?) ORDER BY to_step, dep_position";

  private PgWorkflowRows() {}

  /** One dependency to write: {@code to} waits for {@code from}. */
  record Edge(String from, int position, String to, int depPosition, DependencyFailure policy) {}

  /**
   * Writes {@code steps} numbered from {@code firstPosition}: those with no dependency {@code
   * READY}, the others waiting for all of theirs.
   */
  static void insertSteps(
      Connection c, Tables t, String workflowId, List<StoredStep> steps, int firstPosition)
      throws SQLException {
    int n = steps.size();
    Object[][] columns = new Object[12][n];
    for (int i = 0; i < n; i++) {
      StoredStep step = steps.get(i);
      JobDraft job = step.job();
      boolean waits = !step.dependsOn().isEmpty();
      Object[] row = {
        step.id(),
        firstPosition + i,
        step.queue(),
        job.name(),
        job.payload(),
        job.options(),
        job.jobId(),
        job.priority(),
        job.group(),
        step.batchCallback() && waits ? step.dependsOn().getFirst().onFailure().name() : null,
        (waits ? WorkflowStepState.WAITING_ON_DEPENDENCIES : WorkflowStepState.READY).name(),
        step.dependsOn().size()
      };
      for (int col = 0; col < row.length; col++) {
        columns[col][i] = row[col];
      }
    }
    String[] types = {
      "text", "int4", "text", "text", "text", "text", "text", "int4", "text", "text", "text", "int4"
    };
    try (PreparedStatement insert = c.prepareStatement(t.sql(INSERT_STEPS))) {
      insert.setString(1, workflowId);
      for (int col = 0; col < columns.length; col++) {
        insert.setArray(col + 2, c.createArrayOf(types[col], columns[col]));
      }
      insert.executeUpdate();
    }
  }

  /** Writes {@code edges}, each still pending. */
  static void insertEdges(Connection c, Tables t, String workflowId, List<Edge> edges)
      throws SQLException {
    if (edges.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = c.prepareStatement(t.sql(INSERT_EDGES))) {
      insert.setString(1, workflowId);
      insert.setArray(2, c.createArrayOf("text", edges.stream().map(Edge::from).toArray()));
      insert.setArray(3, c.createArrayOf("int4", edges.stream().map(Edge::position).toArray()));
      insert.setArray(4, c.createArrayOf("text", edges.stream().map(Edge::to).toArray()));
      insert.setArray(5, c.createArrayOf("int4", edges.stream().map(Edge::depPosition).toArray()));
      insert.setArray(
          6, c.createArrayOf("text", edges.stream().map(e -> e.policy().name()).toArray()));
      insert.executeUpdate();
    }
  }

  /** The edges of a new workflow's steps, numbered on both ends in the order given. */
  static List<Edge> edgesOf(List<StoredStep> steps) {
    Map<String, Integer> dependents = new HashMap<>();
    List<Edge> edges = new ArrayList<>();
    for (StoredStep step : steps) {
      List<StoredStep.Dependency> deps = step.dependsOn();
      for (int i = 0; i < deps.size(); i++) {
        StoredStep.Dependency d = deps.get(i);
        int position = dependents.merge(d.step(), 1, Integer::sum) - 1;
        edges.add(new Edge(d.step(), position, step.id(), i, d.onFailure()));
      }
    }
    return edges;
  }

  /**
   * The workflow's steps that {@code condition} (SQL on the step table, with {@code values} for its
   * parameters) selects, in the order stored, with their states and failures.
   */
  static List<StepRecord> read(
      Connection c, Tables t, String workflowId, String condition, Object... values)
      throws SQLException {
    Map<String, Object[]> rows = rows(c, t, workflowId, condition, values);
    Map<String, List<StoredStep.Dependency>> deps = dependencies(c, t, workflowId, rows.keySet());
    List<StepRecord> records = new ArrayList<>();
    for (Object[] row : rows.values()) {
      StoredStep step = step(row, deps.getOrDefault((String) row[0], List.of()));
      records.add(
          new StepRecord(step, WorkflowStepState.valueOf((String) row[9]), (String) row[10]));
    }
    return records;
  }

  /**
   * The steps {@code condition} selects as {@link #read} does, but without their dependencies, for
   * adding their jobs to queues ({@link dev.errand.queue.spi.Settled}): reading the dependencies of
   * the 500 steps one settle call releases took most of the call, with the workflow's row locked.
   */
  static List<StoredStep> toQueue(
      Connection c, Tables t, String workflowId, String condition, Object... values)
      throws SQLException {
    List<StoredStep> steps = new ArrayList<>();
    for (Object[] row : rows(c, t, workflowId, condition, values).values()) {
      steps.add(step(row, List.of()));
    }
    return steps;
  }

  private static Map<String, Object[]> rows(
      Connection c, Tables t, String workflowId, String condition, Object... values)
      throws SQLException {
    Map<String, Object[]> rows = new LinkedHashMap<>();
    try (PreparedStatement select = c.prepareStatement(t.sql(select(condition)))) {
      select.setString(1, workflowId);
      Jdbc.bindFrom(select, 2, values);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          Object[] row = new Object[11];
          for (int i = 0; i < row.length; i++) {
            row[i] = r.getObject(i + 1);
          }
          rows.put(r.getString(1), row);
        }
      }
    }
    return rows;
  }

  private static StoredStep step(Object[] row, List<StoredStep.Dependency> deps) {
    JobDraft job =
        new JobDraft(
            (String) row[2],
            (String) row[3],
            (String) row[4],
            (String) row[5],
            (Integer) row[6],
            null,
            (String) row[7]);
    return new StoredStep((String) row[0], (String) row[1], job, deps, row[8] != null);
  }

  /** The statement of {@link #read}. */
  static String select(String condition) {
    return "SELECT "
        + COLUMNS
        + " FROM {wf_step} WHERE workflow_id = ? AND "
        + condition
        + " ORDER BY position";
  }

  /**
   * The steps among {@code stepIds}, in the order stored, without dependencies ({@link #toQueue}).
   */
  static List<StoredStep> steps(Connection c, Tables t, String workflowId, List<String> stepIds)
      throws SQLException {
    if (stepIds.isEmpty()) {
      return List.of();
    }
    return toQueue(c, t, workflowId, "step_id = ANY (?)", Jdbc.texts(c, stepIds));
  }

  private static Map<String, List<StoredStep.Dependency>> dependencies(
      Connection c, Tables t, String workflowId, java.util.Collection<String> stepIds)
      throws SQLException {
    Map<String, List<StoredStep.Dependency>> deps = new HashMap<>();
    if (stepIds.isEmpty()) {
      return deps;
    }
    try (PreparedStatement select = c.prepareStatement(t.sql(DEPENDENCIES))) {
      Jdbc.bind(select, workflowId, Jdbc.texts(c, stepIds));
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          deps.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
              .add(
                  new StoredStep.Dependency(
                      r.getString(2), DependencyFailure.valueOf(r.getString(3))));
        }
      }
    }
    return deps;
  }
}
