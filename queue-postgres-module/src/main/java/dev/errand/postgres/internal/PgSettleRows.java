package dev.errand.postgres.internal;

import dev.errand.queue.DependencyFailure;
import dev.errand.queue.WorkflowStepState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows one {@link PgWorkflowSettle} call works on: each step read once (in one statement per
 * batch of ids), the dependents of a step a bounded chunk at a time, the outcomes still to pass on;
 * everything changed is written back at the end, one statement per table.
 */
final class PgSettleRows {

  /** A step's row as this call changes it. */
  static final class Step {
    WorkflowStepState state;
    int waiting;
    String reason;
    String result;
    boolean dirty;
    boolean newResult;
  }

  /** One dependent of a step: its position among them, and whether it still waits. */
  record Edge(int position, String to, DependencyFailure policy, boolean pending) {}

  /** A step whose outcome is to be passed on; seq -1 for one pushed by this call. */
  private record Todo(long seq, String step) {}

  static final String TODO =
      "SELECT seq, step_id FROM {wf_todo} WHERE workflow_id = ? ORDER BY seq";

  static final String FAIL_DEPENDENCIES =
      "SELECT from_step FROM {wf_edge} WHERE workflow_id = ? AND to_step = ?"
          + " AND policy = 'FAIL'";

  static final String LOAD =
      "SELECT step_id, state, waiting, reason FROM {wf_step} WHERE workflow_id = ?"
          + " AND step_id = ANY (?)";

  static final String WRITE_STEPS =
      "UPDATE {wf_step} s SET state = u.state, waiting = u.waiting, reason = u.reason,"
          + " result = CASE WHEN u.new_result THEN u.result ELSE s.result END"
          + " FROM unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[],"
          + " ?::boolean[]) AS u(id, state, waiting, reason, result, new_result)"
          + " WHERE s.workflow_id = ? AND s.step_id = u.id";

  static final String WRITE_EDGES =
      "UPDATE {wf_edge} e SET pending = false FROM unnest(?::text[], ?::int[])"
          + " AS u(from_step, position) WHERE e.workflow_id = ?"
          + " AND e.from_step = u.from_step AND e.position = u.position";

  private final Connection c;
  private final Tables t;
  private final String workflowId;
  private final Map<String, Step> steps = new HashMap<>();
  private final ArrayDeque<Todo> todo = new ArrayDeque<>();
  private final List<Long> consumed = new ArrayList<>();
  private final Set<String> passedEdges = new HashSet<>();
  private final Set<String> failuresPassed = new HashSet<>();
  private final int storedCursor;
  private final PgDependents dependents;
  private int cursor;

  PgSettleRows(Connection c, Tables t, String workflowId, int cursor) throws SQLException {
    this.c = c;
    this.t = t;
    this.workflowId = workflowId;
    this.cursor = cursor;
    this.storedCursor = cursor;
    this.dependents = new PgDependents(c, t, workflowId);
    try (PreparedStatement select = c.prepareStatement(t.sql(TODO))) {
      try (ResultSet r = Jdbc.bind(select, workflowId).executeQuery()) {
        while (r.next()) {
          todo.add(new Todo(r.getLong(1), r.getString(2)));
        }
      }
    }
  }

  Step step(String id) {
    return steps.get(id);
  }

  boolean todoEmpty() {
    return todo.isEmpty();
  }

  /** The step whose outcome is passed on now. */
  String head() {
    return todo.peek().step();
  }

  /** The head's dependents from {@code cursor} on were passed up to {@code count} more. */
  void advance(int count) {
    cursor += count;
  }

  /** Every dependent of the head was passed: the next step's turn. */
  void finishHead() {
    Todo done = todo.poll();
    if (done.seq() >= 0) {
      consumed.add(done.seq());
    }
    cursor = 0;
  }

  /** The dependencies of {@code id} under the FAIL policy. */
  List<String> failDependencies(String id) throws SQLException {
    List<String> failFirst = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(t.sql(FAIL_DEPENDENCIES))) {
      try (ResultSet r = Jdbc.bind(select, workflowId, id).executeQuery()) {
        while (r.next()) {
          failFirst.add(r.getString(1));
        }
      }
    }
    return failFirst;
  }

  /** Reads the rows of those of {@code ids} not read yet, in one statement. */
  void load(Collection<String> ids) throws SQLException {
    List<String> missing = ids.stream().filter(id -> !steps.containsKey(id)).distinct().toList();
    if (missing.isEmpty()) {
      return;
    }
    try (PreparedStatement select = c.prepareStatement(t.sql(LOAD))) {
      try (ResultSet r = Jdbc.bind(select, workflowId, Jdbc.texts(c, missing)).executeQuery()) {
        while (r.next()) {
          Step step = new Step();
          step.state = WorkflowStepState.valueOf(r.getString(2));
          step.waiting = r.getInt(3);
          step.reason = r.getString(4);
          steps.put(r.getString(1), step);
        }
      }
    }
  }

  /** The head's dependents from where it stopped, at most {@code limit}. */
  List<Edge> dependents(String from, int limit) throws SQLException {
    return dependents.of(from, cursor, limit);
  }

  /**
   * Reads ahead, in one statement, the first dependents of the steps next in turn after the head
   * (and of the head too unless it is part way), as many as {@code budget} could pass on.
   */
  void readAhead(int budget) throws SQLException {
    List<String> next = new ArrayList<>();
    Iterator<Todo> steps = todo.iterator();
    if (cursor > 0 && steps.hasNext()) {
      // The head, part way through its dependents: read from where it stopped when its turn comes.
      steps.next();
    }
    while (steps.hasNext() && next.size() < budget) {
      next.add(steps.next().step());
    }
    dependents.readAhead(next, budget + 1);
  }

  /** Writes back what changed: steps, failures let through, the outcomes still to pass on. */
  void write() throws SQLException {
    List<String> ids = new ArrayList<>();
    steps.forEach(
        (id, step) -> {
          if (step.dirty) {
            ids.add(id);
          }
        });
    if (!ids.isEmpty()) {
      try (PreparedStatement update = c.prepareStatement(t.sql(WRITE_STEPS))) {
        update.setArray(1, Jdbc.texts(c, ids));
        update.setArray(2, array("text", ids, s -> s.state.name()));
        update.setArray(3, array("int4", ids, s -> s.waiting));
        update.setArray(4, array("text", ids, s -> s.reason));
        update.setArray(5, array("text", ids, s -> s.result));
        update.setArray(6, array("boolean", ids, s -> s.newResult));
        update.setString(7, workflowId);
        update.executeUpdate();
      }
    }
    writeEdges();
    writeTodo();
  }

  private java.sql.Array array(
      String type, List<String> ids, java.util.function.Function<Step, Object> value)
      throws SQLException {
    return c.createArrayOf(type, ids.stream().map(id -> value.apply(steps.get(id))).toArray());
  }

  private void writeEdges() throws SQLException {
    if (failuresPassed.isEmpty()) {
      return;
    }
    List<String> froms = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (String key : failuresPassed) {
      int cut = key.lastIndexOf('\n');
      froms.add(key.substring(0, cut));
      positions.add(Integer.parseInt(key.substring(cut + 1)));
    }
    try (PreparedStatement update = c.prepareStatement(t.sql(WRITE_EDGES))) {
      update.setArray(1, Jdbc.texts(c, froms));
      update.setArray(2, c.createArrayOf("int4", positions.toArray()));
      update.setString(3, workflowId);
      update.executeUpdate();
    }
  }

  private void writeTodo() throws SQLException {
    if (!consumed.isEmpty()) {
      Jdbc.update(
          c,
          t,
          "DELETE FROM {wf_todo} WHERE workflow_id = ? AND seq = ANY (?)",
          workflowId,
          c.createArrayOf("int8", consumed.toArray()));
    }
    List<String> added = todo.stream().filter(x -> x.seq() < 0).map(Todo::step).toList();
    if (!added.isEmpty()) {
      Jdbc.update(
          c,
          t,
          "INSERT INTO {wf_todo} (workflow_id, step_id) SELECT ?, u.id"
              + " FROM unnest(?::text[]) WITH ORDINALITY AS u(id, n) ORDER BY u.n",
          workflowId,
          Jdbc.texts(c, added));
    }
    if (cursor != storedCursor) {
      Jdbc.update(c, t, "UPDATE {workflow} SET todo_at = ? WHERE id = ?", cursor, workflowId);
    }
  }

  /**
   * The dependency no longer holds {@code to} back: counted once, however often it is passed. Only
   * a failure let through ({@code failed}) is written to the edge's row: the step may be retried
   * and pass that edge again once it completes, which must not count it twice. A finished step's
   * outcome passes each edge once (it is put in todo once, and the cursor never goes back over an
   * edge), so its edges are not written: in a fan-in that was one row written per finished step.
   */
  void passed(String from, Edge edge, Step to, boolean failed) {
    String key = from + '\n' + edge.position();
    if (edge.pending() && passedEdges.add(key)) {
      to.waiting--;
      to.dirty = true;
      if (failed) {
        failuresPassed.add(key);
      }
    }
  }

  void push(String id) {
    todo.add(new Todo(-1, id));
  }
}
