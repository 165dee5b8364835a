package dev.errand.queue.internal.outbox;

import dev.errand.core.Health;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.QueueBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves committed outbox rows to the queue, oldest first, in turns of up to {@value #BATCH} rows:
 * lock them, add them to the queue (each queue's in one call, in order), delete them, commit. A
 * relay that dies after the add and before the commit leaves the rows, and the next turn adds them
 * again under the same job ids, which the queue's idempotent add turns into nothing.
 *
 * <p>An add in this process wakes the relay, which then looks again after 1, 2, 4 ... 256 ms (the
 * caller's commit comes at some point after its add); otherwise it looks every poll interval.
 * Between turns, at most every {@link #COUNT_EVERY}, it counts the rows waiting, so that the figure
 * is at hand for a scrape without a query of its own.
 */
final class OutboxRelay implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  static final int BATCH = 500;
  private static final long LONGEST_BURST_STEP_MILLIS = 256;
  static final Duration COUNT_EVERY = Duration.ofSeconds(5);

  /** Test-only: halts the JVM between the queue's add and the rows' delete, as a crash would. */
  static final String HALT_AFTER_SEND = "errand.outbox.haltAfterSend";

  private final DataSource dataSource;
  private final QueueBackend queue;
  private final Clock clock;
  private final Duration poll;
  private final boolean haltAfterSend = Boolean.getBoolean(HALT_AFTER_SEND);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition woken = lock.newCondition();
  private final OutboxRecorder recorder;
  private boolean nudged;
  private volatile boolean stopping;
  private volatile Instant failingSince;
  private volatile String lastError;
  private Thread thread;

  OutboxRelay(DataSource dataSource, QueueBackend queue, Clock clock, Duration poll) {
    this.dataSource = dataSource;
    this.queue = queue;
    this.clock = clock;
    this.poll = poll;
    this.recorder = new OutboxRecorder(clock);
  }

  void start() {
    thread = Thread.ofPlatform().daemon().name("errand-outbox-relay").start(this);
  }

  /** Rows were written here: look soon, and keep looking until their transaction commits. */
  void nudge() {
    lock.lock();
    try {
      nudged = true;
      woken.signal();
    } finally {
      lock.unlock();
    }
  }

  OutboxRecorder recorder() {
    return recorder;
  }

  Health health() {
    Instant since = failingSince;
    if (since == null) {
      return Health.ok("outbox relay: " + recorder.relayed() + " job(s) moved");
    }
    return Health.down(
        "outbox relay failing since " + since + " (rows wait in the table): " + lastError);
  }

  @Override
  public void run() {
    long step = 0;
    // System.nanoTime(), not the clock, times the counts: a test's clock may stand still.
    long nextCount = System.nanoTime();
    while (!stopping) {
      if (System.nanoTime() - nextCount >= 0) {
        countWaiting();
        nextCount = System.nanoTime() + COUNT_EVERY.toNanos();
      }
      int moved = turn();
      if (moved > 0) {
        step = 1;
        continue;
      }
      long wait;
      if (step > 0 && step <= LONGEST_BURST_STEP_MILLIS) {
        wait = step;
        step *= 2;
      } else {
        wait = failingSince != null ? Math.min(poll.toMillis(), 1000) : poll.toMillis();
        step = 0;
      }
      if (awaitNudge(wait)) {
        step = 1;
      }
    }
  }

  /** One turn: returns how many rows it moved, 0 when none were waiting or the turn failed. */
  int turn() {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        List<OutboxTable.Row> rows = OutboxTable.take(connection, BATCH);
        if (rows.isEmpty()) {
          connection.commit();
          recovered();
          return 0;
        }
        send(rows);
        Instant sent = clock.instant();
        if (haltAfterSend) {
          Runtime.getRuntime().halt(137);
        }
        OutboxTable.delete(connection, rows);
        connection.commit();
        recorder.moved(rows, sent);
        recovered();
        return rows.size();
      } catch (SQLException | RuntimeException e) {
        rollback(connection);
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      failed(e);
      return 0;
    }
  }

  private void send(List<OutboxTable.Row> rows) {
    Map<String, List<JobDraft>> byQueue = new LinkedHashMap<>();
    for (OutboxTable.Row row : rows) {
      byQueue.computeIfAbsent(row.queue(), q -> new ArrayList<>()).add(row.draft());
    }
    byQueue.forEach(queue::add);
  }

  /** A failed count is no failed turn: the figure just stays as it was, with its time. */
  private void countWaiting() {
    try (Connection connection = dataSource.getConnection()) {
      recorder.counted(OutboxTable.backlog(connection));
    } catch (SQLException | RuntimeException e) {
      log.debug("Outbox relay cannot count the rows waiting", e);
    }
  }

  private boolean awaitNudge(long millis) {
    lock.lock();
    try {
      long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
      while (!nudged && !stopping && nanos > 0) {
        nanos = woken.awaitNanos(nanos);
      }
      boolean was = nudged;
      nudged = false;
      return was;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
      return false;
    } finally {
      lock.unlock();
    }
  }

  private void recovered() {
    if (failingSince != null) {
      log.info("Outbox relay works again; rows move to the queue");
      failingSince = null;
      lastError = null;
    }
  }

  private void failed(Exception e) {
    recorder.failedTurn();
    lastError = e.toString();
    if (failingSince == null) {
      failingSince = clock.instant();
      log.warn("Outbox relay cannot move rows to the queue; it keeps trying, rows wait", e);
    } else {
      log.debug("Outbox relay still failing", e);
    }
  }

  private static void rollback(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The connection is broken: closing it ends the transaction, and its locks with it.
    }
  }

  void stop() {
    stopping = true;
    nudge();
    if (thread != null) {
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
