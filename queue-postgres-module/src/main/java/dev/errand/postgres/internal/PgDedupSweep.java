package dev.errand.postgres.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deletes deduplication keys that no longer stand: windows that ended, and while-unfinished keys
 * whose job has finished or is gone; at most once an hour per process, on its own after an add. A
 * key taken over meanwhile by an add is kept: the delete names each key with the job it stood for,
 * and a lock-waiting delete sees the newer job.
 */
final class PgDedupSweep {

  static final long EVERY_MILLIS = Duration.ofHours(1).toMillis();

  /** Parameters: now, now. */
  private static final String SWEEP =
      "DELETE FROM {dedup} d USING (SELECT queue, key, id FROM {dedup} x WHERE x.until <= ?"
          + " OR (x.until = "
          + Long.MAX_VALUE
          + " AND NOT EXISTS (SELECT 1 FROM {job} j WHERE j.queue = x.queue AND j.id = x.id"
          + " AND j.state IN ('waiting', 'delayed', 'active')))) old"
          + " WHERE d.queue = old.queue AND d.key = old.key AND d.id = old.id"
          + " AND (d.until <= ? OR d.until = "
          + Long.MAX_VALUE
          + ")";

  private final AtomicLong next = new AtomicLong();

  /** Sweeps if an hour has passed since the last sweep; answers the keys deleted. */
  int maybe(Jdbc jdbc, Tables t, long now) {
    long due = next.get();
    if (now < due || !next.compareAndSet(due, now + EVERY_MILLIS)) {
      return 0;
    }
    return jdbc.autoCommit(
        "delete deduplication keys that no longer stand", c -> Jdbc.update(c, t, SWEEP, now, now));
  }
}
