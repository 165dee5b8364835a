package dev.errand.postgres.internal;

import dev.errand.queue.JobEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Notifications sent inside the caller's transaction, so listeners hear of a change only once it is
 * committed, and never of one rolled back.
 */
final class Notify {

  private Notify() {}

  /** Wakes the idle workers of {@code queue} in every process. */
  static void wake(Connection c, Tables t, String queue) throws SQLException {
    send(c, t.wakeChannel(), List.of(queue));
  }

  /** Tells every subscriber of {@code queue} about {@code events}. */
  static void events(Connection c, Tables t, String queue, List<JobEvent> events)
      throws SQLException {
    if (!events.isEmpty()) {
      send(c, t.eventChannel(), EventCodec.encode(queue, events));
    }
  }

  static void cancel(Connection c, Tables t, String queue, String id) throws SQLException {
    send(c, t.cancelChannel(), List.of(queue + " " + id));
  }

  private static void send(Connection c, String channel, List<String> payloads)
      throws SQLException {
    try (PreparedStatement notify =
        c.prepareStatement("SELECT pg_notify(?, p) FROM unnest(?::text[]) AS p")) {
      notify.setString(1, channel);
      notify.setArray(2, Jdbc.texts(c, payloads));
      notify.execute();
    }
  }
}
