package dev.errand.postgres.internal;

import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.Settled;
import dev.errand.queue.spi.SettledOnAcknowledge;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.StoredStep;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Settles workflow steps in the transaction that acknowledges their jobs, once the workflow layer
 * accepted the offer ({@code QueueBackend#settleStepsOnAcknowledge}): an outcome is recorded
 * atomically with its acknowledgement and only for one that is not refused, and a batch costs one
 * transaction, not a settle's of its own before the acknowledgement's. The released steps of the
 * acknowledged queue are added to it in the same transaction, whose fetch may lease them.
 *
 * <p>Each workflow's row is locked after the acknowledgement's job rows and before its fetch (whose
 * only lock that waits is a rate-limited queue's row), and the workflows in the order of their ids,
 * so two acknowledgements never wait for each other's locks in turn. A settle that released steps
 * of other queues, or left outcomes to pass on, writes a note of its own ({@code
 * <workflow>:<transaction id>}) in the same transaction; the caller ends it once it added the steps
 * to their queues, and the workflow sweeper finishes a release whose process died first. One note
 * per release, so that finishing one never ends another's.
 */
final class PgStepSettles {

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

  /** Whether {@link #settle} would settle any of {@code acks}. */
  boolean settlesAny(List<Ack> acks) {
    return handOn != null && StepOutcome.anyEndsStep(acks);
  }

  /**
   * In the transaction on {@code c} that acknowledged {@code acks} in {@code queue}: settles the
   * outcomes of the steps among them whose acknowledgement was not {@code refused}, a workflow at a
   * time, and adds the released steps of {@code queue} to it. Returns what to {@link #handOn} once
   * the transaction committed; nothing before the offer.
   */
  List<SettledOnAcknowledge> settle(
      Connection c, String queue, List<Ack> acks, Set<String> refused, long now)
      throws SQLException {
    if (handOn == null) {
      return List.of();
    }
    List<SettledOnAcknowledge> settled = new ArrayList<>();
    for (Map.Entry<String, Map<String, StepOutcome>> workflow :
        StepOutcome.byWorkflow(acks, refused).entrySet()) {
      String id = workflow.getKey();
      int budget = SettledOnAcknowledge.firstBudget(workflow.getValue().size());
      Settled done = addHere(c, queue, id, store.settleIn(c, id, workflow.getValue(), budget), now);
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

  /**
   * Adds the steps {@code settled} released into {@code queue} to it, as queued (their jobs have
   * fixed ids: one added already is left as it is), and marks them enqueued; returns the settle
   * with the other steps only. A sharded queue's shards have names of their own, which no step's
   * queue is, so their steps are left to the caller, which adds them through the sharding.
   */
  private Settled addHere(Connection c, String queue, String workflowId, Settled settled, long now)
      throws SQLException {
    List<StoredStep> here = settled.releasedInto(queue);
    if (here.isEmpty()) {
      return settled;
    }
    PgDedup.add(c, t, queue, here.stream().map(StoredStep::job).toList(), now);
    Jdbc.update(
        c,
        t,
        PgWorkflowStore.ENQUEUED,
        workflowId,
        Jdbc.texts(c, here.stream().map(StoredStep::id).toList()));
    return settled.withoutReleasedInto(queue);
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
