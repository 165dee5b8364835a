package dev.errand.postgres.internal;

import dev.errand.queue.DependencyFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the dependents of the steps whose outcomes a settle passes on, a bounded chunk at a time:
 * those of the step under way from where it stopped, and those of the steps after it ahead, for
 * many steps in one statement. A fan-in's finished steps have one dependent each, and reading them
 * one statement each made a settle of forty outcomes forty round trips.
 */
final class PgDependents {

  static final String ONE =
      "SELECT position, to_step, policy, pending FROM {wf_edge} WHERE workflow_id = ?"
          + " AND from_step = ? AND position >= ? ORDER BY position LIMIT ?";

  /** The first dependents of several steps, in the order given, at most a chunk of each. */
  static final String AHEAD =
      "SELECT f.n, e.position, e.to_step, e.policy, e.pending"
          + " FROM unnest(?::text[]) WITH ORDINALITY AS f(step, n)"
          + " CROSS JOIN LATERAL (SELECT position, to_step, policy, pending FROM {wf_edge}"
          + " WHERE workflow_id = ? AND from_step = f.step ORDER BY position LIMIT ?) e"
          + " ORDER BY f.n, e.position LIMIT ?";

  private final Connection c;
  private final Tables t;
  private final String workflowId;

  /** A step's first dependents read ahead (none: empty), and the most that were asked for. */
  private record Ahead(List<PgSettleRows.Edge> edges, int limit) {}

  private final Map<String, Ahead> ahead = new HashMap<>();

  PgDependents(Connection c, Tables t, String workflowId) {
    this.c = c;
    this.t = t;
    this.workflowId = workflowId;
  }

  /**
   * Reads ahead the first dependents of {@code steps} (none yet started), at most {@code limit}
   * each and {@code limit} in all: the most a settle with that budget can pass on, and one more to
   * tell whether there are more. A step whose dependents the total cut short is read again when its
   * turn comes.
   */
  void readAhead(List<String> steps, int limit) throws SQLException {
    List<String> unread = steps.stream().filter(s -> !ahead.containsKey(s)).distinct().toList();
    if (unread.size() < 2) {
      return;
    }
    Map<String, List<PgSettleRows.Edge>> read = new HashMap<>();
    int rows = 0;
    int last = 0;
    try (PreparedStatement select = c.prepareStatement(t.sql(AHEAD))) {
      Jdbc.bind(select, Jdbc.texts(c, unread), workflowId, limit, limit);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          last = r.getInt(1);
          read.computeIfAbsent(unread.get(last - 1), s -> new ArrayList<>()).add(edge(r, 2));
          rows++;
        }
      }
    }
    // Without the cut every step was read whole (up to limit); with it, those before the last.
    int complete = rows < limit ? unread.size() : last - 1;
    for (int i = 0; i < complete; i++) {
      ahead.put(unread.get(i), new Ahead(read.getOrDefault(unread.get(i), List.of()), limit));
    }
  }

  /** The dependents of {@code from} from position {@code cursor} on, at most {@code limit}. */
  List<PgSettleRows.Edge> of(String from, int cursor, int limit) throws SQLException {
    Ahead read = cursor == 0 ? ahead.remove(from) : null;
    // Valid when it holds every dependent, or as many as asked for now.
    if (read != null && (read.edges().size() < read.limit() || limit <= read.limit())) {
      List<PgSettleRows.Edge> edges = read.edges();
      return edges.size() > limit ? edges.subList(0, limit) : edges;
    }
    List<PgSettleRows.Edge> edges = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(t.sql(ONE))) {
      try (ResultSet r = Jdbc.bind(select, workflowId, from, cursor, limit).executeQuery()) {
        while (r.next()) {
          edges.add(edge(r, 1));
        }
      }
    }
    return edges;
  }

  private static PgSettleRows.Edge edge(ResultSet r, int first) throws SQLException {
    return new PgSettleRows.Edge(
        r.getInt(first),
        r.getString(first + 1),
        DependencyFailure.valueOf(r.getString(first + 2)),
        r.getBoolean(first + 3));
  }
}
