package dev.errand.postgres.internal;

import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.Settled;
import dev.errand.queue.spi.SettledOnAcknowledge;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.WorkflowJobIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Settles workflow steps in the transaction that acknowledges their jobs, once the workflow layer
 * accepted the offer ({@code QueueBackend#settleStepsOnAcknowledge}): an outcome is recorded
 * atomically with its acknowledgement and only for one that is not refused, and a batch costs one
 * transaction, not a settle's of its own before the acknowledgement's.
 *
 * <p>Each workflow's row is locked after the acknowledgement's job rows, and the workflows in the
 * order of their ids, so two acknowledgements never wait for each other's locks in turn. A settle
 * that released steps, or left outcomes to pass on, writes a note of its own ({@code
 * <workflow>:<transaction id>}) in the same transaction; the caller ends it once it added the steps
 * to their queues, and the workflow sweeper finishes a release whose process died first. One note
 * per release, so that finishing one never ends another's.
 */
final class PgStepSettles {

  /** The first call's budget of edges, as the worker's first settle call has (WorkflowDriver). */
  private static final int MOST_EDGES = 500;

  private static final int FIRST_EDGES = 100;

  private static final String NOTE =
      "INSERT INTO {wf_release} (workflow_id, since) VALUES (? || ':' || txid_current(), ?)"
          + " RETURNING workflow_id";

  private final Tables t;
  private final PgWorkflowStore store;
  private volatile Consumer<SettledOnAcknowledge> handOn;

  PgStepSettles(Tables tables, PgWorkflowStore store) {
    this.t = tables;
    this.store = store;
  }

  /** Settles from now on, handing what each acknowledgement settled to {@code settled}. */
  boolean offer(Consumer<SettledOnAcknowledge> settled) {
    this.handOn = settled;
    return true;
  }

  /**
   * In the acknowledgement's transaction on {@code c}: settles the outcomes of the steps among
   * {@code acks} whose acknowledgement was not {@code refused}, a workflow at a time. Returns what
   * to {@link #handOn} once the transaction committed; nothing before the offer.
   */
  List<SettledOnAcknowledge> settle(Connection c, List<Ack> acks, Set<String> refused, long now)
      throws SQLException {
    if (handOn == null) {
      return List.of();
    }
    Map<String, Map<String, StepOutcome>> byWorkflow = new TreeMap<>();
    for (Ack ack : acks) {
      if (!WorkflowJobIds.isStep(ack.id()) || refused.contains(ack.id())) {
        continue;
      }
      StepOutcome outcome = StepOutcome.of(ack);
      if (outcome != null) {
        byWorkflow
            .computeIfAbsent(WorkflowJobIds.workflow(ack.id()), w -> new LinkedHashMap<>())
            .put(WorkflowJobIds.step(ack.id()), outcome);
      }
    }
    List<SettledOnAcknowledge> settled = new ArrayList<>();
    for (Map.Entry<String, Map<String, StepOutcome>> workflow : byWorkflow.entrySet()) {
      String id = workflow.getKey();
      // An outcome costs up to two of the budget (itself and its one edge, in a fan-in).
      int budget = Math.min(MOST_EDGES, FIRST_EDGES + 2 * workflow.getValue().size());
      Settled done = store.settleIn(c, id, workflow.getValue(), budget);
      Runnable carriedThrough = () -> {};
      if (!done.released().isEmpty() || done.more()) {
        String note = note(c, id, now);
        carriedThrough = () -> store.released(note);
      }
      settled.add(new SettledOnAcknowledge(id, done, carriedThrough));
    }
    return settled;
  }

  /** Hands on what a committed acknowledgement settled. */
  void handOn(List<SettledOnAcknowledge> settled) {
    if (!settled.isEmpty()) {
      settled.forEach(handOn);
    }
  }

  private String note(Connection c, String workflowId, long now) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(t.sql(NOTE))) {
      try (ResultSet row = Jdbc.bind(insert, workflowId, now).executeQuery()) {
        row.next();
        return row.getString(1);
      }
    }
  }
}
