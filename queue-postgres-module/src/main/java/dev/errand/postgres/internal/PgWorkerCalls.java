package dev.errand.postgres.internal;

import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.SettledOnAcknowledge;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A worker's round trips, each one transaction on one connection: a fetch, an acknowledgement, and
 * both together (the refill sent along with the last completion statement when the queue has no
 * limits). With workflows, the steps' outcomes are settled in the acknowledgement's transaction
 * ({@link PgStepSettles}) and what that released is handed on once it committed.
 */
final class PgWorkerCalls {

  private final Supplier<Jdbc> jdbc;
  private final Tables tables;
  private final Clock clock;
  private final PgPacing pacing;
  private final PgUpkeep upkeep = new PgUpkeep();
  private final PgIdle idleWorkers = new PgIdle();
  private final PgRetentionPace retentionPace = new PgRetentionPace();
  private final PgStepSettles stepSettles;

  PgWorkerCalls(
      Supplier<Jdbc> jdbc, Tables tables, Clock clock, PgPacing pacing, PgStepSettles stepSettles) {
    this.jdbc = jdbc;
    this.tables = tables;
    this.clock = clock;
    this.pacing = pacing;
    this.stepSettles = stepSettles;
  }

  Fetched fetch(String queue, Lease lease, int max) {
    return jdbc.get()
        .workerTransaction(
            "fetch jobs of queue '" + queue + "'",
            (c, notices) -> {
              long now = clock.millis();
              // A plain queue's fetch skips the upkeep done in the last moment (its lease reports
              // anything due meanwhile, which makes the next fetch keep the queue up).
              boolean keepUp = max == 0 || !pacing.plain(queue) || upkeep.due(queue, now);
              upkeep.done(queue, now, keepUp);
              return lease(c, notices, queue, lease, max, now, true, keepUp);
            });
  }

  private Fetched lease(
      Connection c,
      Notices notices,
      String queue,
      Lease lease,
      int max,
      long now,
      boolean idle,
      boolean keepUp)
      throws SQLException {
    return new PgFetch(tables, idleWorkers, upkeep, queue, now)
        .run(c, notices, lease, max, pacing.limits(queue), pacing.caps(queue), idle, keepUp);
  }

  Fetched acknowledgeAndFetch(String queue, Lease lease, List<Ack> acks, int max) {
    List<SettledOnAcknowledge> settled = new ArrayList<>();
    Fetched fetched =
        jdbc.get()
            .workerTransaction(
                "acknowledge and fetch jobs of queue '" + queue + "'",
                (c, notices) -> {
                  long now = clock.millis();
                  boolean keepUp = upkeep.due(queue, now);
                  // A batch with steps' outcomes settles before its fetch, which may then lease the
                  // steps they released into this queue: no refill rides along with it.
                  PgLeaseWaiting refill =
                      max > 0 && !keepUp && pacing.plain(queue) && !stepSettles.settlesAny(acks)
                          ? new PgLeaseWaiting(tables, queue, now, lease, max)
                          : null;
                  PgAcks recorded =
                      new PgAcks(tables, retentionPace, queue, now)
                          .withAlongStatement(refill)
                          .run(c, notices, lease.token(), acks);
                  pacing.ended(notices, tables, queue);
                  settleSteps(c, queue, acks, recorded.refused(), now, settled);
                  Fetched more =
                      recorded.rode()
                          ? refill.fetched()
                          : lease(c, notices, queue, lease, max, now, false, keepUp);
                  return new Fetched(
                      more.jobs(), more.nextDelayed(), recorded.refused(), more.events());
                });
    stepSettles.handOn(settled);
    return fetched;
  }

  Set<String> acknowledge(String queue, String token, List<Ack> acks) {
    List<SettledOnAcknowledge> settled = new ArrayList<>();
    Set<String> refused =
        jdbc.get()
            .workerTransaction(
                "acknowledge jobs of queue '" + queue + "'",
                (c, notices) -> {
                  long now = clock.millis();
                  PgAcks recorded =
                      new PgAcks(tables, retentionPace, queue, now).run(c, notices, token, acks);
                  pacing.ended(notices, tables, queue);
                  settleSteps(c, queue, acks, recorded.refused(), now, settled);
                  return recorded.refused();
                });
    stepSettles.handOn(settled);
    return refused;
  }

  /**
   * Settles after the acknowledgement's job rows and before the fetch (see {@link PgStepSettles});
   * a retried transaction's list holds only its last attempt's.
   */
  private void settleSteps(
      Connection c,
      String queue,
      List<Ack> acks,
      Set<String> refused,
      long now,
      List<SettledOnAcknowledge> to)
      throws SQLException {
    to.clear();
    to.addAll(stepSettles.settle(c, queue, acks, refused, now));
  }
}
