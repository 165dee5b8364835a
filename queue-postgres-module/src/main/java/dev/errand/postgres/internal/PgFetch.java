package dev.errand.postgres.internal;

import dev.errand.queue.JobEvent;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One fetch, inside the caller's transaction: due delayed jobs to waiting, expired leases back to
 * waiting (or to dead), then up to {@code max} waiting jobs leased with {@code FOR UPDATE SKIP
 * LOCKED}, so concurrent fetches take different jobs without waiting for each other (a capped
 * queue's fetches take turns instead, see {@link PgCaps}). Each step touches at most {@link #BATCH}
 * jobs and reads through a partial index of its state.
 */
final class PgFetch {

  static final int BATCH = 1000;

  private final Tables t;
  private final PgIdle idle;
  private final PgUpkeep rounds;
  private final String queue;
  private final long now;
  private final List<JobEvent> noticed = new ArrayList<>();
  private int readied;
  private boolean recoveredAfterLease;

  /**
   * Due delayed jobs back in line; parameters: queue, queue, now. Sent with the search for expired
   * leases ({@link PgStalls#PROMOTE_AND_FIND_EXPIRED}).
   */
  static final String PROMOTE_DUE =
      "UPDATE {job} SET state = 'waiting', due_at = NULL, parked = false WHERE queue = ?"
          + " AND id = ANY(ARRAY(SELECT id FROM {job} WHERE queue = ? AND state = 'delayed' AND due_at <= ?"
          + " ORDER BY due_at LIMIT "
          + BATCH
          + " FOR UPDATE SKIP LOCKED))";

  /** The first waiting jobs, locked; parameters: queue, the filter's, max. */
  static String pickWaiting(String filter) {
    return "SELECT id FROM {job} WHERE queue = ? AND state = 'waiting' "
        + filter
        + " ORDER BY priority DESC, seq LIMIT ? FOR UPDATE SKIP LOCKED";
  }

  /**
   * Leases the jobs {@code pick} names; then parameters: token, now, deadline, queue. A job added
   * while the fetch ran (its statements each see what has committed) is stamped with a time after
   * the fetch's {@code now}: its start is never put before its creation.
   */
  static String lease(String pick) {
    return "WITH picked AS ("
        + pick
        + ") UPDATE {job} j SET state = 'active', token = ?,"
        + " attempts = j.attempts + 1, started_at = GREATEST(?, j.created_at), due_at = ? FROM picked"
        + " WHERE j.queue = ? AND j.id = picked.id"
        + " RETURNING j.id, j.name, j.payload, j.options, j.attempts, j.priority, j.seq";
  }

  /**
   * When the next delayed job falls due and the first lease expires; parameters: queue, queue. Each
   * minimum is one step down a partial index, however many jobs wait.
   */
  static final String NEXT_DUE =
      "SELECT (SELECT min(due_at) FROM {job} WHERE queue = ? AND state = 'delayed'),"
          + " (SELECT min(due_at) + 1 FROM {job} WHERE queue = ? AND state = 'active')";

  /** The fetch's filter of a queue without rate limits; parameter: queue. */
  static final String NOT_PAUSED =
      "AND NOT EXISTS (SELECT 1 FROM {queue} q WHERE q.queue = ? AND q.paused)";

  PgFetch(Tables tables, PgIdle idle, PgUpkeep upkeep, String queue, long now) {
    this.t = tables;
    this.idle = idle;
    this.rounds = upkeep;
    this.queue = queue;
    this.now = now;
  }

  /**
   * @param notices where the fetch's notifications go, sent at its commit
   * @param idleWorker whether this is a worker's own fetch, after which it waits for a wake-up when
   *     it got less than {@code max}; false for the refill that follows an acknowledgement, whose
   *     {@link Fetched#nextDelayed()} nobody reads (it answers null)
   * @param upkeep whether to promote due delayed jobs and recover expired leases first; fetches
   *     skip it between the backend's rounds of it ({@link PgUpkeep}); a worker's own fetch that
   *     skips it commits with its lease when it has nothing else to write
   */
  Fetched run(
      Connection c,
      Notices notices,
      Lease lease,
      int max,
      PgLimits limits,
      PgCaps caps,
      boolean idleWorker,
      boolean upkeep)
      throws SQLException {
    Long limitedUntil = null;
    List<PgLeaseWaiting.Leased> picked = List.of();
    PgIdle.NextDue due = null;
    if (caps == null && limits == null) {
      PgLeaseWaiting waiting = max > 0 ? new PgLeaseWaiting(t, queue, now, lease, max) : null;
      if (upkeep) {
        // The lease and, for a worker's own fetch, the next due times go in the same round trip.
        due = idleWorker ? new PgIdle.NextDue(t, queue) : null;
        List<AlongStatement> then = new ArrayList<>();
        if (waiting != null) {
          then.add(waiting);
        }
        if (due != null) {
          then.add(due);
        }
        PgStalls.Readied back =
            PgStalls.promoteAndRecover(c, t, queue, now, lease.maxStalled(), noticed, then);
        readied += back.promoted() + back.recovered();
        // Recovered after the lease went, so none of them was leased: the next fetch takes them.
        recoveredAfterLease = back.recovered() > 0;
      } else if (waiting != null && idleWorker) {
        due = new PgIdle.NextDue(t, queue);
        // With no registration to write, nothing follows: the COMMIT goes in the same round trip.
        boolean commit = !idle.due(queue, now);
        AlongStatement.send(
            c, commit ? "; SET LOCAL synchronous_commit = off; COMMIT" : "", waiting, due);
        if (commit) {
          notices.committed();
        }
        if (due.dueBy(now)) {
          rounds.owe(queue);
        }
      } else if (waiting != null) {
        waiting.alone(c);
      }
      if (waiting != null) {
        picked = waiting.leased();
      }
    } else if (upkeep) {
      PgStalls.Readied back =
          PgStalls.promoteAndRecover(c, t, queue, now, lease.maxStalled(), noticed, List.of());
      readied += back.promoted() + back.recovered();
    }
    if (caps != null) {
      // Caps lock the queue's row too, so a rate limit's window is read under the same lock.
      int allowed = max > 0 ? caps.allowance(c, t, queue, now, max) : 0;
      PgLimits.Window window = limits == null ? null : PgLimits.lockQueue(c, t, queue);
      if (window != null) {
        allowed = window.paused() ? 0 : limits.allowance(window, now, allowed);
      }
      Map<String, String> ids = allowed > 0 ? caps.pick(c, t, queue, now, allowed) : Map.of();
      List<String> admitted =
          limits == null || limits.perGroup() == null
              ? List.copyOf(ids.keySet())
              : withinGroupRates(c, ids, limits);
      if (!admitted.isEmpty()) {
        picked = leaseJobs(c, lease, allowed, "", admitted);
      }
      if (window != null) {
        limitedUntil = limited(c, window, limits, picked.size(), allowed, max);
      }
    } else if (limits != null) {
      PgLimits.Window window = PgLimits.lockQueue(c, t, queue);
      int allowed = window.paused() ? 0 : limits.allowance(window, now, max);
      if (allowed > 0) {
        picked =
            limits.perGroup() == null
                ? leaseJobs(c, lease, allowed, "", null)
                : leaseByGroup(c, lease, allowed, limits);
      }
      limitedUntil = limited(c, window, limits, picked.size(), allowed, max);
    }
    notices.events(t, queue, noticed);
    if (readied > picked.size() || recoveredAfterLease) {
      notices.wake(t, queue);
    }
    boolean idleNow = picked.size() < max;
    Long next = null;
    if (due != null) {
      next = due.next(limitedUntil, idleNow);
      if (idleNow) {
        next = PgIdle.earliest(next, idle.register(c, t, queue, now));
      }
    } else if (idleWorker) {
      next = idle.nextLook(c, t, queue, now, limitedUntil, idleNow);
    }
    List<LeasedJob> jobs = PgLeaseWaiting.inOrder(picked);
    return new Fetched(jobs, next == null ? null : Instant.ofEpochMilli(next), Set.of(), noticed);
  }

  /**
   * Leases up to {@code max} waiting jobs, those in {@code only} if given, else the first in line
   * that {@code filter} (SQL with one parameter, the queue) lets through.
   */
  private List<PgLeaseWaiting.Leased> leaseJobs(
      Connection c, Lease lease, int max, String filter, List<String> only) throws SQLException {
    String sql = lease(only == null ? pickWaiting(filter) : "SELECT unnest(?::text[]) AS id");
    List<Object> values = new ArrayList<>();
    if (only == null) {
      values.add(queue);
      if (!filter.isEmpty()) {
        values.add(queue);
      }
      values.add(max);
    } else {
      values.add(Jdbc.texts(c, only));
    }
    values.addAll(List.of(lease.token(), now, now + lease.duration().toMillis(), queue));
    List<PgLeaseWaiting.Leased> picked = new ArrayList<>();
    try (PreparedStatement update = c.prepareStatement(t.sql(sql))) {
      try (ResultSet rows = Jdbc.bind(update, values.toArray()).executeQuery()) {
        while (rows.next()) {
          picked.add(PgLeaseWaiting.leased(rows));
        }
      }
    }
    return picked;
  }

  /**
   * Counts the {@code started} jobs in the queue's window; when the window ends if it is full, or
   * null.
   */
  private Long limited(
      Connection c, PgLimits.Window window, PgLimits limits, int started, int allowed, int max)
      throws SQLException {
    Long until = limits.took(c, t, queue, window, now, started);
    if (allowed == 0 && !window.paused() && max > 0 && limits.perQueue() != null) {
      until = window.start() + limits.perQueue().per().toMillis();
    }
    return until;
  }

  /** Leases within each group's limit; a job whose group is full waits, delayed, for its window. */
  private List<PgLeaseWaiting.Leased> leaseByGroup(
      Connection c, Lease lease, int max, PgLimits limits) throws SQLException {
    Map<String, String> candidates = new LinkedHashMap<>();
    try (PreparedStatement select =
        c.prepareStatement(
            t.sql(
                "SELECT id, grp FROM {job} WHERE queue = ? AND state = 'waiting'"
                    + " ORDER BY priority DESC, seq LIMIT ? FOR UPDATE SKIP LOCKED"))) {
      try (ResultSet rows = Jdbc.bind(select, queue, max).executeQuery()) {
        while (rows.next()) {
          candidates.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    List<String> admitted = withinGroupRates(c, candidates, limits);
    return admitted.isEmpty() ? List.of() : leaseJobs(c, lease, max, "", admitted);
  }

  /**
   * The {@code candidates} (id to group) whose group's window has room, each counted in it; the
   * others wait, delayed, for their group's window.
   */
  private List<String> withinGroupRates(
      Connection c, Map<String, String> candidates, PgLimits limits) throws SQLException {
    List<String> admitted = new ArrayList<>();
    for (Map.Entry<String, String> candidate : candidates.entrySet()) {
      long wait = limits.takeGroup(c, t, queue, candidate.getValue(), now);
      if (wait == 0) {
        admitted.add(candidate.getKey());
      } else {
        delay(c, candidate.getKey(), wait);
      }
    }
    if (ThreadLocalRandom.current().nextInt(100) == 0) {
      limits.forgetEndedGroups(c, t, queue, now);
    }
    return admitted;
  }

  private void delay(Connection c, String id, long until) throws SQLException {
    try (PreparedStatement delay =
        c.prepareStatement(
            t.sql("UPDATE {job} SET state = 'delayed', due_at = ? WHERE queue = ? AND id = ?"))) {
      Jdbc.bind(delay, until, queue, id).executeUpdate();
    }
  }
}
