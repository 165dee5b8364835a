package dev.errand.queue.internal;

import java.util.concurrent.TimeUnit;

/**
 * How many jobs one worker leases beyond its free slots. Prefetched jobs wait in the worker for a
 * slot, so they are only worth holding while the queue has a backlog (the last fetch got all it
 * asked for) and handlers are quick; a slow handler would keep them waiting while other workers
 * could have run them. Counts leases only: which slot a job runs in is the worker's business.
 *
 * <p>Not thread-safe except {@link #fetched}: the worker's acker thread owns it.
 */
final class Prefetch {

  /** Prefetch only while handlers average this or less. */
  static final long QUICK_RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final int limit;

  /** Leases held beyond the worker's slot permits. */
  private int ahead;

  /** Jobs asked for ahead by round trips still under way. */
  private int asked;

  private volatile boolean backlog;

  /** A moving average of handler run time, -1 until one run is measured. */
  private long runAverageNanos = -1;

  Prefetch(int limit) {
    this.limit = limit;
  }

  /** Jobs the next round trip should ask for ahead; counted as asked until {@link #settled}. */
  int take() {
    boolean quick = runAverageNanos >= 0 && runAverageNanos <= QUICK_RUN_NANOS;
    int wanted = backlog && quick ? Math.max(0, limit - ahead - asked) : 0;
    asked += wanted;
    return wanted;
  }

  /** A fetch asked for {@code wanted} jobs and got {@code got}: is there a backlog? */
  void fetched(int wanted, int got) {
    backlog = wanted > 0 && got == wanted;
  }

  /**
   * A round trip came back: it held {@code permits} slot permits (the acknowledged jobs' and free
   * ones), asked for {@code prefetched} more, and leased {@code got} jobs. Returns the permits to
   * give back; leases beyond the permits count as prefetched, and ended leases retire those first.
   */
  int settled(int permits, int prefetched, int got) {
    asked -= prefetched;
    fetched(permits + prefetched, got);
    int freed = permits - got;
    if (freed < 0) {
      ahead -= freed;
      return 0;
    }
    int retired = Math.min(ahead, freed);
    ahead -= retired;
    return freed - retired;
  }

  /** A round trip failed: what it asked for ahead was never leased. */
  void failed(int prefetched) {
    asked -= prefetched;
  }

  /** A handler ran for {@code nanos}. */
  void ran(long nanos) {
    runAverageNanos = runAverageNanos < 0 ? nanos : runAverageNanos + (nanos - runAverageNanos) / 8;
  }

  /** Leases currently held beyond the slot permits. */
  int ahead() {
    return ahead;
  }
}
