package dev.errand.postgres.internal;

import dev.errand.queue.JobEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** A running job's progress, stored and announced if the token still holds the job. */
final class PgProgress {

  private PgProgress() {}

  /** Stores the progress; false when the token no longer holds the job. */
  static boolean record(
      Connection c, Tables t, String queue, String token, String id, String progressJson)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            t.sql(
                "UPDATE {job} SET progress = ? WHERE queue = ? AND id = ? AND state = 'active'"
                    + " AND token = ? RETURNING name, attempts"))) {
      try (ResultSet row = Jdbc.bind(update, progressJson, queue, id, token).executeQuery()) {
        if (row.next()) {
          JobEvent event =
              new JobEvent(
                  JobEvent.Type.PROGRESS,
                  queue,
                  id,
                  row.getString(1),
                  row.getInt(2),
                  progressJson,
                  null);
          Notify.events(c, t, queue, List.of(event));
          return true;
        }
        return false;
      }
    }
  }
}
