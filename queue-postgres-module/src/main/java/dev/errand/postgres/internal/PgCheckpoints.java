package dev.errand.postgres.internal;

import dev.errand.queue.spi.CheckpointStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Step checkpoints in a table of their own, one row a finished step. As on Redis, each write moves
 * the job's checkpoints a week on, and those not written for a week are deleted: by the first write
 * after each hour, one statement through the index of write times.
 */
final class PgCheckpoints implements CheckpointStore {

  static final Duration KEEP = Duration.ofDays(7);
  private static final long SWEEP_EVERY_MILLIS = Duration.ofHours(1).toMillis();

  private static final String SAVE =
      "INSERT INTO {checkpoint} (queue, job_id, step, result, saved_at) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (queue, job_id, step) DO UPDATE SET result = EXCLUDED.result,"
          + " saved_at = EXCLUDED.saved_at";

  private static final String TOUCH =
      "UPDATE {checkpoint} SET saved_at = ? WHERE queue = ? AND job_id = ? AND saved_at < ?";

  private final Supplier<Jdbc> jdbc;
  private final Tables t;
  private final Clock clock;
  private final AtomicLong nextSweep = new AtomicLong();

  PgCheckpoints(Supplier<Jdbc> jdbc, Tables tables, Clock clock) {
    this.jdbc = jdbc;
    this.t = tables;
    this.clock = clock;
  }

  @Override
  public Map<String, String> load(String queue, String jobId) {
    return jdbc.get()
        .autoCommit(
            "load the step checkpoints of job " + jobId + " of queue '" + queue + "'",
            c -> {
              Map<String, String> steps = new HashMap<>();
              try (PreparedStatement select =
                  c.prepareStatement(
                      t.sql(
                          "SELECT step, result FROM {checkpoint} WHERE queue = ? AND job_id = ?"))) {
                try (ResultSet rows = Jdbc.bind(select, queue, jobId).executeQuery()) {
                  while (rows.next()) {
                    steps.put(rows.getString(1), rows.getString(2));
                  }
                }
              }
              return steps;
            });
  }

  @Override
  public void save(String queue, String jobId, String step, String resultJson) {
    long now = clock.millis();
    long sweep = nextSweep.get();
    boolean sweeping = now >= sweep && nextSweep.compareAndSet(sweep, now + SWEEP_EVERY_MILLIS);
    jdbc.get()
        .transaction(
            "save step '" + step + "' of job " + jobId + " of queue '" + queue + "'",
            c -> {
              Jdbc.update(c, t, SAVE, queue, jobId, step, resultJson, now);
              Jdbc.update(c, t, TOUCH, now, queue, jobId, now);
              if (sweeping) {
                Jdbc.update(
                    c, t, "DELETE FROM {checkpoint} WHERE saved_at < ?", now - KEEP.toMillis());
              }
              return null;
            });
  }
}
