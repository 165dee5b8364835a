package dev.errand.postgres.internal;

import dev.errand.queue.JobEvent;
import dev.errand.queue.spi.EventSink;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's one LISTEN connection: wake-ups for idle workers, job events and cancellations,
 * each on one channel of the table prefix whatever the number of queues. A thread of its own reads
 * them. When the connection breaks, it reconnects with a growing pause, and every idle worker is
 * woken once it is back, since notifications sent meanwhile are lost; until then idle workers poll
 * every {@link #POLL_WITHOUT_LISTENER}.
 */
final class PgNotifications implements AutoCloseable {

  static final Duration POLL_WITHOUT_LISTENER = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(PgNotifications.class);
  private static final long CHECK_EVERY_MILLIS = 5_000;

  private final DataSource dataSource;
  private final Tables tables;
  private final Wakeups wakeups = new Wakeups();
  private final Map<String, List<EventSink>> sinks = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<String>>> cancels = new ConcurrentHashMap<>();
  private final CountDownLatch firstListen = new CountDownLatch(1);
  private volatile boolean listening;
  private volatile boolean closed;
  private Thread thread;

  PgNotifications(DataSource dataSource, Tables tables) {
    this.dataSource = dataSource;
    this.tables = tables;
  }

  Wakeups wakeups() {
    return wakeups;
  }

  /**
   * Starts listening if it has not yet, and waits a little for the first LISTEN, so that what
   * follows this call is heard.
   */
  void listen() {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (thread == null) {
        thread = Thread.ofPlatform().daemon().name("errand-postgres-listen").start(this::run);
      }
    }
    try {
      firstListen.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean listening() {
    return listening;
  }

  AutoCloseable subscribe(String queue, EventSink sink) {
    listen();
    sinks.computeIfAbsent(queue, q -> new CopyOnWriteArrayList<>()).add(sink);
    return () -> sinks.getOrDefault(queue, List.of()).remove(sink);
  }

  AutoCloseable onCancel(String queue, Consumer<String> ids) {
    listen();
    cancels.computeIfAbsent(queue, q -> new CopyOnWriteArrayList<>()).add(ids);
    return () -> cancels.getOrDefault(queue, List.of()).remove(ids);
  }

  private void run() {
    long pause = 100;
    boolean warned = false;
    while (!closed) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          // The channels are those of the schema this connection's tables are in (as the
          // backend's own statements find them), also should this start before the backend's
          // prepare has set them.
          try (ResultSet schema = statement.executeQuery("SELECT current_schema()")) {
            schema.next();
            tables.scopeChannelsTo(schema.getString(1));
          }
          statement.execute("LISTEN " + tables.wakeChannel());
          statement.execute("LISTEN " + tables.eventChannel());
          statement.execute("LISTEN " + tables.cancelChannel());
        }
        if (warned) {
          log.info("Listening to PostgreSQL notifications again; waking every idle worker");
        }
        listening = true;
        warned = false;
        pause = 100;
        // Notifications sent while nobody listened are lost: every idle worker looks again.
        wakeups.wakeAll();
        firstListen.countDown();
        receive(connection);
      } catch (SQLException | RuntimeException e) {
        listening = false;
        if (closed) {
          return;
        }
        if (!warned) {
          log.warn(
              "Lost the PostgreSQL connection that hears queue notifications ({}); idle workers"
                  + " poll every {} ms until it is back",
              e.getMessage(),
              POLL_WITHOUT_LISTENER.toMillis());
          warned = true;
        }
        wakeups.wakeAll();
        firstListen.countDown();
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          return;
        }
        pause = Math.min(5_000, pause * 2);
      }
    }
  }

  private void receive(Connection connection) throws SQLException {
    PGConnection pg = connection.unwrap(PGConnection.class);
    long checked = System.currentTimeMillis();
    while (!closed) {
      PGNotification[] received = pg.getNotifications(500);
      if (received != null) {
        for (PGNotification notification : received) {
          dispatch(notification.getName(), notification.getParameter());
        }
      }
      long now = System.currentTimeMillis();
      if (now - checked > CHECK_EVERY_MILLIS) {
        // A server that vanished without closing the socket: a query notices.
        try (Statement statement = connection.createStatement()) {
          statement.setQueryTimeout(5);
          statement.execute("SELECT 1");
        }
        checked = now;
      }
    }
  }

  private void dispatch(String channel, String payload) {
    try {
      if (channel.equals(tables.wakeChannel())) {
        wakeups.wake(payload);
      } else if (channel.equals(tables.eventChannel())) {
        if (sinks.values().stream().allMatch(List::isEmpty)) {
          // Every acknowledgement sends its events: nobody here to hear them, nothing to decode.
          return;
        }
        List<JobEvent> events = EventCodec.decode(payload);
        if (!events.isEmpty()) {
          deliver(events.get(0).queue(), events);
        }
      } else if (channel.equals(tables.cancelChannel())) {
        int space = payload.indexOf(' ');
        String queue = payload.substring(0, space);
        String id = payload.substring(space + 1);
        cancels.getOrDefault(queue, List.of()).forEach(listener -> listener.accept(id));
      }
    } catch (RuntimeException e) {
      log.warn("Could not handle a notification on {}: {}", channel, payload, e);
    }
  }

  private void deliver(String queue, List<JobEvent> events) {
    List<EventSink> listeners = sinks.getOrDefault(queue, List.of());
    for (JobEvent event : events) {
      for (EventSink sink : listeners) {
        try {
          sink.accept(event);
        } catch (RuntimeException e) {
          log.warn("An event subscriber failed on job {}", event.id(), e);
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    wakeups.wakeAll();
  }
}
