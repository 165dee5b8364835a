package dev.errand.postgres.internal;

import dev.errand.queue.JobEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Utils;

/**
 * The notifications of a worker's fetch or acknowledgement, held until its commit and sent in the
 * same round trip as the COMMIT ({@link Jdbc#workerTransaction}): a NOTIFY of its own cost every
 * acknowledgement one round trip more. They are still part of the transaction, so listeners hear of
 * a change only once it is committed, and in the order they were noted.
 */
final class Notices {

  private record Notice(String channel, String payload) {}

  private final List<Notice> notices = new ArrayList<>();
  private boolean committed;

  /** The work sent the COMMIT itself, with its last statements: nothing is left to send. */
  void committed() {
    committed = true;
  }

  boolean isCommitted() {
    return committed;
  }

  /** Wakes the idle workers of {@code queue} in every process, at commit. */
  void wake(Tables t, String queue) {
    notices.add(new Notice(t.wakeChannel(), queue));
  }

  /** Tells every subscriber of {@code queue} about {@code events}, at commit. */
  void events(Tables t, String queue, List<JobEvent> events) {
    if (!events.isEmpty()) {
      for (String payload : EventCodec.encode(queue, events)) {
        notices.add(new Notice(t.eventChannel(), payload));
      }
    }
  }

  /**
   * One {@code SELECT pg_notify(...);} per notice, the values as literals (the statements travel
   * with the COMMIT as one string, which takes no parameters); empty when there are none.
   */
  String statements(Connection c) throws SQLException {
    if (notices.isEmpty()) {
      return "";
    }
    boolean standard = c.unwrap(BaseConnection.class).getStandardConformingStrings();
    StringBuilder sql = new StringBuilder();
    for (Notice notice : notices) {
      sql.append("SELECT pg_notify('");
      Utils.escapeLiteral(sql, notice.channel(), standard);
      sql.append("', '");
      Utils.escapeLiteral(sql, notice.payload(), standard);
      sql.append("'); ");
    }
    return sql.toString();
  }
}
