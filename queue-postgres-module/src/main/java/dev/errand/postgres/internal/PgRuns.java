package dev.errand.postgres.internal;

import dev.errand.queue.JobAttempt;
import dev.errand.queue.JobFailure;
import dev.errand.queue.JobInfo;
import dev.errand.queue.LatencySketch;
import dev.errand.queue.spi.AttemptRecords;
import dev.errand.queue.spi.RunInfo;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How acknowledgements keep runs: each job's last {@link JobInfo#KEPT_ATTEMPTS} in its {@code runs}
 * column, and the queue's per-minute history in {@code {minute}}, written by the same statement
 * that records the outcomes (a data-modifying WITH), so history costs no statement of its own.
 */
final class PgRuns {

  private static final long MINUTE = 60_000;
  private static final int PARTS = 16;
  private static final AtomicInteger TURNS = new AtomicInteger();

  /**
   * The {@code runs} column with the run {@code runParam} (JSON, or null for none) appended,
   * numbered with the job's attempt, the oldest dropped beyond the last {@link
   * JobInfo#KEPT_ATTEMPTS}; {@code p} is the job table's alias with a dot, or empty.
   */
  static String appended(String p, String runParam) {
    return "CASE WHEN "
        + runParam
        + " IS NULL THEN "
        + p
        + "runs ELSE jsonb_path_query_array(coalesce("
        + p
        + "runs, '[]'::jsonb) || jsonb_build_array("
        + runParam
        + "::jsonb || jsonb_build_object('a', "
        + p
        + "attempts)), '$[last-"
        + (JobInfo.KEPT_ATTEMPTS - 1)
        + " to last]') END";
  }

  /**
   * {@code outcome}, a statement returning its jobs with a {@code bucket} column (null for a run of
   * unknown time), that also counts those jobs in the history; three more parameters follow its
   * own: queue, minute and part ({@link #bindHistory}).
   */
  static String counted(String outcome, boolean failed) {
    return "WITH done AS ("
        + outcome
        + "), counted AS (INSERT INTO {minute} AS h (queue, minute, bucket, part, runs, failed)"
        + " SELECT ?, ?, b.bucket, ?, count(*), "
        + (failed ? "count(*)" : "0")
        + " FROM (SELECT bucket FROM done WHERE bucket IS NOT NULL UNION ALL SELECT -1 FROM done)"
        + " b GROUP BY b.bucket ORDER BY b.bucket ON CONFLICT (queue, minute, bucket, part) DO UPDATE SET"
        + " runs = h.runs + excluded.runs, failed = h.failed + excluded.failed)"
        + " SELECT * FROM done";
  }

  /**
   * The three values {@link #counted} adds. A worker's part is a hash of its lease token, so
   * workers acknowledging at once do not wait on one row; and each of its acknowledgements takes
   * the next of two parts, since a worker has up to two under way (the second used to wait on the
   * first's row locks until it committed). Rows are locked in bucket order, so two that share rows
   * wait for each other rather than deadlock.
   */
  static Object[] history(String queue, long now, String token) {
    int turn = TURNS.getAndIncrement() & 1;
    return new Object[] {
      queue, now - Math.floorMod(now, MINUTE), Math.floorMod(token.hashCode() + turn, PARTS)
    };
  }

  /** A run as the {@code runs} column keeps it, without its attempt number; null for none. */
  static String json(RunInfo run, JobFailure failure) {
    return AttemptRecords.json(run, failure);
  }

  /** The run's latency bucket, or null for none. */
  static Integer bucket(RunInfo run) {
    return run == null ? null : LatencySketch.bucketOf(run.took());
  }

  /** The attempts a {@code runs} column holds; empty for null or unreadable text. */
  static List<JobAttempt> attempts(String runs) {
    try {
      return AttemptRecords.parse(runs);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }
}
