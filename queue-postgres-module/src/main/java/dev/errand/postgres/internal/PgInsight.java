package dev.errand.postgres.internal;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobSearch;
import dev.errand.queue.JobState;
import dev.errand.queue.LatencySketch;
import dev.errand.queue.MinuteStats;
import dev.errand.queue.WorkerProcess;
import dev.errand.queue.spi.ProcessRecords;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What the PostgreSQL backend keeps for operators besides the jobs: the list of queues, heartbeats
 * ({@code {process}}), the per-minute history that acknowledgements write ({@code {minute}}, see
 * {@link PgRuns}), and payload search, one query (ILIKE with the text's wildcards escaped).
 */
final class PgInsight {

  private static final long PURGE_EVERY = 60_000;

  private final Supplier<Jdbc> jdbc;
  private final Tables t;
  private final Clock clock;
  private volatile long retentionMillis = Duration.ofHours(25).toMillis();
  private volatile long lastPurge;

  PgInsight(Supplier<Jdbc> jdbc, Tables tables, Clock clock) {
    this.jdbc = jdbc;
    this.t = tables;
    this.clock = clock;
  }

  /** Every queue jobs were added to, sorted. */
  List<String> queues() {
    return jdbc.get()
        .transaction(
            "list the queues",
            c -> {
              List<String> names = new ArrayList<>();
              try (PreparedStatement select =
                      c.prepareStatement(t.sql("SELECT queue FROM {queue} ORDER BY queue"));
                  ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                  names.add(rows.getString(1));
                }
              }
              return names;
            });
  }

  void retention(Duration retention) {
    retentionMillis = retention.toMillis();
  }

  /** Writes the heartbeat; at most once a minute also deletes history past its retention. */
  void heartbeat(WorkerProcess process, Duration lease) {
    long now = clock.millis();
    boolean purge = now - lastPurge >= PURGE_EVERY;
    jdbc.get()
        .autoCommit(
            "write the heartbeat of process " + process.id(),
            c -> {
              Jdbc.update(
                  c,
                  t,
                  "INSERT INTO {process} (id, beat, expires_at) VALUES (?, ?, ?) ON CONFLICT (id)"
                      + " DO UPDATE SET beat = excluded.beat, expires_at = excluded.expires_at",
                  process.id(),
                  ProcessRecords.toJson(process),
                  now + lease.toMillis());
              if (purge) {
                Jdbc.update(c, t, "DELETE FROM {minute} WHERE minute < ?", now - retentionMillis);
              }
              return null;
            });
    if (purge) {
      lastPurge = now;
    }
  }

  void end(String id) {
    jdbc.get()
        .autoCommit(
            "remove the heartbeat of process " + id,
            c -> Jdbc.update(c, t, "DELETE FROM {process} WHERE id = ?", id));
  }

  List<WorkerProcess> processes() {
    long now = clock.millis();
    return jdbc.get()
        .autoCommit(
            "list the processes",
            c -> {
              Jdbc.update(c, t, "DELETE FROM {process} WHERE expires_at <= ?", now);
              List<WorkerProcess> alive = new ArrayList<>();
              try (PreparedStatement select =
                      c.prepareStatement(t.sql("SELECT beat FROM {process} WHERE expires_at > ?"));
                  ResultSet rows = Jdbc.bind(select, now).executeQuery()) {
                while (rows.next()) {
                  alive.add(ProcessRecords.fromJson(rows.getString(1)));
                }
              }
              alive.sort(ProcessRecords.ORDER);
              return alive;
            });
  }

  List<MinuteStats> history(String queue, Instant from, Instant to) {
    long start = from.toEpochMilli() - Math.floorMod(from.toEpochMilli(), 60_000L);
    long oldest = clock.millis() - retentionMillis;
    return jdbc.get()
        .transaction(
            "read the history of queue '" + queue + "'",
            c -> {
              TreeMap<Long, long[]> totals = new TreeMap<>();
              Map<Long, Map<Integer, Long>> buckets = new HashMap<>();
              try (PreparedStatement select =
                      c.prepareStatement(
                          t.sql(
                              "SELECT minute, bucket, sum(runs), sum(failed) FROM {minute}"
                                  + " WHERE queue = ? AND minute >= ? AND minute <= ?"
                                  + " GROUP BY minute, bucket"));
                  ResultSet rows =
                      Jdbc.bind(select, queue, Math.max(start, oldest), to.toEpochMilli())
                          .executeQuery()) {
                while (rows.next()) {
                  long minute = rows.getLong(1);
                  int bucket = rows.getInt(2);
                  if (bucket < 0) {
                    totals.put(minute, new long[] {rows.getLong(3), rows.getLong(4)});
                  } else {
                    buckets
                        .computeIfAbsent(minute, m -> new HashMap<>())
                        .put(bucket, rows.getLong(3));
                  }
                }
              }
              List<MinuteStats> stats = new ArrayList<>();
              totals.forEach(
                  (minute, counts) ->
                      stats.add(
                          new MinuteStats(
                              Instant.ofEpochMilli(minute),
                              counts[0],
                              counts[1],
                              LatencySketch.of(buckets.getOrDefault(minute, Map.of())))));
              return stats;
            });
  }

  /**
   * The newest {@code limit} jobs whose payload contains {@code text}, ignoring case; {@code
   * scanned} is how many jobs of those states the queue holds, all of which the query looked at.
   */
  JobSearch search(String queue, String text, JobState state, int limit) {
    String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    String states = state == null ? "" : " AND " + PgJobs.inState(state);
    return jdbc.get()
        .transaction(
            "search the payloads of queue '" + queue + "'",
            c -> {
              List<JobInfo> found =
                  PgJobs.where(
                      c,
                      t,
                      queue,
                      states + " AND payload ILIKE ? ESCAPE '\\' ORDER BY seq DESC LIMIT ?",
                      pattern,
                      limit + 1);
              long scanned;
              try (PreparedStatement count =
                      c.prepareStatement(
                          t.sql("SELECT count(*) FROM {job} WHERE queue = ?" + states));
                  ResultSet row = Jdbc.bind(count, queue).executeQuery()) {
                row.next();
                scanned = row.getLong(1);
              }
              boolean complete = found.size() <= limit;
              return new JobSearch(complete ? found : found.subList(0, limit), scanned, complete);
            });
  }
}
