package dev.errand.postgres.internal;

import dev.errand.queue.Deduplication;
import dev.errand.queue.JobEvent;
import dev.errand.queue.spi.JobDraft;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds with deduplication keys, with the rules of the memory and Redis backends: a key names the
 * job standing for its adds, which then add nothing and answer that job's id. A throttled key
 * stands for its window whatever its job's state; a debounced one while its job has not started,
 * taking each add's payload, options and due time and starting its window again; a while-unfinished
 * one while its job is waiting, delayed or active. Each key's row is locked for the add, so the
 * caller's connection must be in a transaction.
 */
final class PgDedup {

  private static final String CLAIM =
      "INSERT INTO {dedup} (queue, key, id, until) VALUES (?, ?, '', 0)"
          + " ON CONFLICT (queue, key) DO NOTHING";

  private static final String LOOK =
      "SELECT d.id, d.until, j.state, j.name FROM {dedup} d LEFT JOIN {job} j"
          + " ON j.queue = d.queue AND j.id = d.id WHERE d.queue = ? AND d.key = ? FOR UPDATE OF d";

  private static final String STAND =
      "UPDATE {dedup} SET id = ?, until = ? WHERE queue = ? AND key = ?";

  private static final String DEBOUNCE =
      "UPDATE {job} SET payload = ?, options = ?, state = 'delayed', due_at = ?"
          + " WHERE queue = ? AND id = ?";

  private PgDedup() {}

  static boolean any(List<JobDraft> drafts) {
    return drafts.stream().anyMatch(d -> d.deduplication() != null);
  }

  /** Adds {@code drafts} in order, each deduplicated by its key if it has one. */
  static List<String> add(Connection c, Tables t, String queue, List<JobDraft> drafts, long now)
      throws SQLException {
    if (!any(drafts)) {
      return PgAdds.add(c, t, queue, drafts, now);
    }
    List<String> ids = new ArrayList<>(drafts.size());
    List<JobEvent> events = new ArrayList<>();
    for (JobDraft draft : drafts) {
      Deduplication dedup = draft.deduplication();
      String standing = dedup == null ? null : standing(c, t, queue, draft, now, events);
      if (standing != null) {
        ids.add(standing);
        continue;
      }
      String id = PgAdds.add(c, t, queue, List.of(draft), now).get(0);
      if (dedup != null) {
        long until = dedup.window() == null ? Long.MAX_VALUE : now + dedup.window().toMillis();
        Jdbc.update(c, t, STAND, id, until, queue, dedup.key());
      }
      ids.add(id);
    }
    Notify.events(c, t, queue, events);
    return ids;
  }

  /** The id of the job standing for the draft's key, or null when the draft is to be stored. */
  private static String standing(
      Connection c, Tables t, String queue, JobDraft draft, long now, List<JobEvent> events)
      throws SQLException {
    Deduplication dedup = draft.deduplication();
    Jdbc.update(c, t, CLAIM, queue, dedup.key());
    String id;
    String state;
    String name;
    try (PreparedStatement look = c.prepareStatement(t.sql(LOOK))) {
      try (ResultSet row = Jdbc.bind(look, queue, dedup.key()).executeQuery()) {
        row.next();
        id = row.getString(1);
        if (id.isEmpty() || row.getLong(2) <= now) {
          return null;
        }
        state = row.getString(3);
        name = row.getString(4);
      }
    }
    boolean unstarted = "waiting".equals(state) || "delayed".equals(state);
    switch (dedup.mode()) {
      case THROTTLE -> {}
      case WHILE_UNFINISHED -> {
        if (!unstarted && !"active".equals(state)) {
          return null;
        }
      }
      case DEBOUNCE -> {
        if (!unstarted) {
          return null;
        }
        Jdbc.update(
            c,
            t,
            DEBOUNCE,
            draft.payload(),
            draft.options(),
            draft.runAt().toEpochMilli(),
            queue,
            id);
        Jdbc.update(c, t, STAND, id, now + dedup.window().toMillis(), queue, dedup.key());
      }
    }
    events.add(
        new JobEvent(
            JobEvent.Type.DEDUPLICATED,
            queue,
            id,
            name == null ? draft.name() : name,
            0,
            "\"" + dedup.key() + "\"",
            null));
    return id;
  }
}
