package dev.errand.queue.internal.outbox;

import dev.errand.core.Health;
import dev.errand.queue.OutboxMetrics;
import dev.errand.queue.internal.ForwardingBackend;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.QueueBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

/**
 * Transactional adds for a queue outside the application's database (Redis, memory): an add on the
 * caller's connection writes outbox rows in the caller's transaction, and a relay moves them to the
 * queue once committed. A rolled-back transaction leaves no row, so no job. Everything else goes to
 * the queue as before.
 */
public final class OutboxBackend extends ForwardingBackend {

  private final Clock clock;
  private final DataSource dataSource;
  private final OutboxRelay relay;

  /** {@link #start()} creates the outbox table if needed and starts the relay. */
  public OutboxBackend(
      QueueBackend next, DataSource dataSource, Clock clock, OutboxSettings settings) {
    super(next);
    this.clock = clock;
    this.dataSource = dataSource;
    this.relay = new OutboxRelay(dataSource, next, clock, settings.poll());
  }

  /**
   * At the queue adapter's start, after the database adapter's: the application's own migrations
   * must find its schema as they left it, not with the outbox table already in it.
   */
  public void start() {
    OutboxTable.prepare(dataSource);
    relay.start();
  }

  public Health health() {
    return relay.health();
  }

  /** What the relay did so far: jobs moved, failed turns, delays, rows waiting. */
  public OutboxMetrics metrics() {
    return relay.recorder().snapshot();
  }

  OutboxRecorder recorder() {
    return relay.recorder();
  }

  @Override
  public List<String> add(Connection connection, String queue, List<JobDraft> jobs) {
    try {
      List<String> ids = OutboxTable.insert(connection, queue, jobs, clock.instant());
      relay.nudge();
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot write "
              + jobs.size()
              + " job(s) of queue '"
              + queue
              + "' to the outbox table "
              + OutboxTable.TABLE
              + " on the caller's connection (JOBS_OUTBOX=true): "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public void close() {
    relay.stop();
    super.close();
  }
}
