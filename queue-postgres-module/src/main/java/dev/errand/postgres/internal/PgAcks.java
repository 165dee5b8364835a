package dev.errand.postgres.internal;

import dev.errand.queue.JobEvent;
import dev.errand.queue.JobFailure;
import dev.errand.queue.JobState;
import dev.errand.queue.Retention;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.OutcomeEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Records outcomes inside the caller's transaction: completions that share a retention in one
 * statement, each failure in one, every statement refusing a job the token no longer holds. Then
 * each retention rule met is applied once when it is due ({@link PgRetentionPace}), deleting at
 * most {@link PgFetch#BATCH} finished jobs.
 */
final class PgAcks {

  /** How a completed or failed job of a call is kept, and where. */
  private record Rule(JobState state, Retention retention) {}

  /** What the outcome's events need to know of a job whose outcome was recorded. */
  private record Held(String name, int attempt) {}

  private final Tables t;
  private final String queue;
  private final long now;
  private final Set<String> refused = new HashSet<>();
  private final List<JobEvent> events = new ArrayList<>();
  private final PgRetentionPace pace;

  /** The retention rules met, with how many jobs finished under each. */
  private final Map<Rule, Integer> rules = new LinkedHashMap<>();

  private boolean retried;
  private AlongStatement alongLast;
  private boolean rode;

  /**
   * Completions kept; parameters: now, ids, results, runs, buckets, queue, token, then the
   * history's ({@link PgRuns#counted}).
   */
  static final String COMPLETE =
      PgRuns.counted(
          "UPDATE {job} j SET state = 'completed', token = NULL, due_at = NULL, finished_at = ?,"
              + " result = v.result, runs = "
              + PgRuns.appended("j.", "v.run")
              + " FROM unnest(?::text[], ?::text[], ?::text[], ?::int[])"
              + " AS v(id, result, run, bucket)"
              + " WHERE j.queue = ? AND j.id = v.id AND j.state = 'active' AND j.token = ?"
              + " RETURNING j.id, j.name, j.attempts, v.bucket",
          false);

  /** Completions not kept; parameters as {@link #COMPLETE}'s without now. */
  static final String DELETE_COMPLETED =
      PgRuns.counted(
          "DELETE FROM {job} j USING unnest(?::text[], ?::text[], ?::text[], ?::int[])"
              + " AS v(id, result, run, bucket)"
              + " WHERE j.queue = ? AND j.id = v.id AND j.state = 'active' AND j.token = ?"
              + " RETURNING j.id, j.name, j.attempts, v.bucket",
          false);

  PgAcks(Tables tables, PgRetentionPace pace, String queue, long now) {
    this.t = tables;
    this.pace = pace;
    this.queue = queue;
    this.now = now;
  }

  Set<String> refused() {
    return refused;
  }

  /** Sends {@code along} with the last completion statement, if there is one ({@link #rode()}). */
  PgAcks withAlongStatement(AlongStatement along) {
    this.alongLast = along;
    return this;
  }

  /** Whether the statement sent along went, and has read its rows. */
  boolean rode() {
    return rode;
  }

  /** Records {@code acks}, trims, and notes what listeners and idle workers hear at commit. */
  PgAcks run(Connection c, Notices notices, String token, List<Ack> acks) throws SQLException {
    Map<Retention, List<Ack.Complete>> completions = new LinkedHashMap<>();
    for (Ack ack : acks) {
      switch (ack) {
        case Ack.Complete done ->
            completions.computeIfAbsent(done.retention(), r -> new ArrayList<>()).add(done);
        case Ack.Retry retry -> retry(c, token, retry);
        case Ack.Fail fail -> fail(c, token, fail);
        case Ack.Snooze snooze -> snooze(c, token, snooze);
      }
    }
    int left = completions.size();
    for (Map.Entry<Retention, List<Ack.Complete>> group : completions.entrySet()) {
      complete(c, token, group.getKey(), group.getValue(), --left == 0 ? alongLast : null);
    }
    for (Map.Entry<Rule, Integer> met : rules.entrySet()) {
      Rule rule = met.getKey();
      if (pace.due(queue, rule.state(), rule.retention(), met.getValue(), now)
          && PgRetention.apply(c, t, queue, rule.state(), rule.retention(), now) >= PgFetch.BATCH) {
        pace.again(queue, rule.state(), rule.retention());
      }
    }
    notices.events(t, queue, events);
    if (retried) {
      // Delayed too: an idle worker must learn when it falls due.
      notices.wake(t, queue);
    }
    return this;
  }

  private void complete(
      Connection c,
      String token,
      Retention retention,
      List<Ack.Complete> done,
      AlongStatement along)
      throws SQLException {
    List<String> ids = done.stream().map(Ack::id).toList();
    // A job deleted keeps neither its result nor its run: empty arrays (unnest pads with nulls).
    boolean kept = !retention.keepsNothing();
    List<String> results = kept ? done.stream().map(Ack.Complete::result).toList() : List.of();
    List<String> runs =
        kept ? done.stream().map(a -> PgRuns.json(a.run(), null)).toList() : List.<String>of();
    Integer[] buckets = done.stream().map(a -> PgRuns.bucket(a.run())).toArray(Integer[]::new);
    String sql = retention.keepsNothing() ? DELETE_COMPLETED : COMPLETE;
    Map<String, Held> held = new LinkedHashMap<>();
    String sent = along == null ? t.sql(sql) : t.sql(sql) + "; " + along.sql();
    try (PreparedStatement statement = c.prepareStatement(sent)) {
      int at = 1;
      if (!retention.keepsNothing()) {
        statement.setLong(at++, now);
      }
      statement.setArray(at++, Jdbc.texts(c, ids));
      statement.setArray(at++, Jdbc.texts(c, results));
      statement.setArray(at++, Jdbc.texts(c, runs));
      statement.setArray(at++, c.createArrayOf("integer", buckets));
      statement.setString(at++, queue);
      statement.setString(at++, token);
      Object[] history = PgRuns.history(queue, now, token);
      Jdbc.bindFrom(statement, at, history);
      if (along != null) {
        along.bind(statement, at + history.length);
      }
      // pgjdbc sends both statements of a two-statement string in one round trip.
      statement.execute();
      try (ResultSet rows = statement.getResultSet()) {
        while (rows.next()) {
          held.put(rows.getString(1), new Held(rows.getString(2), rows.getInt(3)));
        }
      }
      if (along != null) {
        statement.getMoreResults();
        try (ResultSet rows = statement.getResultSet()) {
          along.read(rows);
        }
        rode = true;
      }
    }
    for (Ack.Complete ack : done) {
      outcome(ack, held.get(ack.id()));
    }
    if (!retention.keepsNothing() && !held.isEmpty()) {
      rules.merge(new Rule(JobState.COMPLETED, retention), held.size(), Integer::sum);
    }
  }

  private void retry(Connection c, String token, Ack.Retry retry) throws SQLException {
    boolean later = retry.runAt().toEpochMilli() > now;
    JobFailure failure = retry.failure();
    Held held =
        counted(
            c,
            token,
            "UPDATE {job} SET state = ?, due_at = ?, token = NULL, error_class = ?,"
                + " error_message = ?, error_stack = ?, runs = "
                + PgRuns.appended("", "?::text")
                + " WHERE queue = ? AND id = ? AND state = 'active' AND token = ?"
                + " RETURNING name, attempts, ?::int AS bucket",
            later ? "delayed" : "waiting",
            later ? retry.runAt().toEpochMilli() : null,
            failure.exceptionClass(),
            failure.message(),
            failure.stackTrace(),
            PgRuns.json(retry.run(), failure),
            PgRuns.json(retry.run(), failure),
            queue,
            retry.id(),
            token,
            PgRuns.bucket(retry.run()));
    retried |= held != null;
    outcome(retry, held);
  }

  /** Back to delayed (or waiting) without spending the attempt; its last failure stays. */
  private void snooze(Connection c, String token, Ack.Snooze snooze) throws SQLException {
    boolean later = snooze.runAt().toEpochMilli() > now;
    Held held =
        one(
            c,
            "UPDATE {job} SET state = ?, due_at = ?, token = NULL, attempts = attempts - 1"
                + " WHERE queue = ? AND id = ? AND state = 'active' AND token = ?"
                + " RETURNING name, attempts + 1",
            later ? "delayed" : "waiting",
            later ? snooze.runAt().toEpochMilli() : null,
            queue,
            snooze.id(),
            token);
    retried |= held != null;
    outcome(snooze, held);
  }

  private void fail(Connection c, String token, Ack.Fail fail) throws SQLException {
    JobFailure failure = fail.failure();
    Held held;
    if (fail.retention().keepsNothing()) {
      held =
          counted(
              c,
              token,
              "DELETE FROM {job} WHERE queue = ? AND id = ? AND state = 'active' AND token = ?"
                  + " RETURNING name, attempts, ?::int AS bucket",
              queue,
              fail.id(),
              token,
              PgRuns.bucket(fail.run()));
    } else {
      JobState state = fail.dead() ? JobState.DEAD : JobState.FAILED;
      String run = PgRuns.json(fail.run(), failure);
      held =
          counted(
              c,
              token,
              "UPDATE {job} SET state = ?, token = NULL, due_at = NULL, finished_at = ?,"
                  + " error_class = ?, error_message = ?, error_stack = ?, runs = "
                  + PgRuns.appended("", "?::text")
                  + " WHERE queue = ? AND id = ? AND state = 'active' AND token = ?"
                  + " RETURNING name, attempts, ?::int AS bucket",
              state.code(),
              now,
              failure.exceptionClass(),
              failure.message(),
              failure.stackTrace(),
              run,
              run,
              queue,
              fail.id(),
              token,
              PgRuns.bucket(fail.run()));
      if (held != null) {
        rules.merge(new Rule(state, fail.retention()), 1, Integer::sum);
      }
    }
    outcome(fail, held);
  }

  /** {@link #one} for a failed run, counted in the history by the same statement. */
  private Held counted(Connection c, String token, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(t.sql(PgRuns.counted(sql, true)))) {
      Jdbc.bind(statement, values);
      Jdbc.bindFrom(statement, values.length + 1, PgRuns.history(queue, now, token));
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? new Held(row.getString(1), row.getInt(2)) : null;
      }
    }
  }

  private Held one(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(t.sql(sql))) {
      try (ResultSet row = Jdbc.bind(statement, values).executeQuery()) {
        return row.next() ? new Held(row.getString(1), row.getInt(2)) : null;
      }
    }
  }

  private void outcome(Ack ack, Held held) {
    if (held == null) {
      refused.add(ack.id());
      return;
    }
    Consumer<JobEvent> sink = events::add;
    OutcomeEvents.emit(queue, held.name(), held.attempt(), ack, sink);
  }
}
