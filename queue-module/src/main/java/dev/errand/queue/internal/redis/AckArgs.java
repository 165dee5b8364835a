package dev.errand.queue.internal.redis;

import dev.errand.queue.JobFailure;
import dev.errand.queue.LatencySketch;
import dev.errand.queue.Retention;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.RunInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the script arguments {@code acknowledge-and-fetch.lua} reads: the call's mode and lease,
 * where it settles workflow steps ({@link StepSettling}), then its outcomes. Completed runs that
 * share a retention go as one group of id, result, run and latency bucket (the common case, four
 * values a job; the run as one text, start, run time and worker), a failed run as twelve values,
 * its run's four apart. The run is the job's attempt record, the bucket its place in the queue's
 * history.
 */
final class AckArgs {

  /** The script's mode that records outcomes, recovers expired leases and leases jobs. */
  static final String FETCH = "fetch";

  /** The script's mode that only records outcomes, leaving lease expiry to the next fetch. */
  static final String ACK = "ack";

  private AckArgs() {}

  /**
   * Arguments of a call that acknowledges {@code acks} and leases up to {@code max} jobs. With an
   * {@code idleTtl}, the call is the fetch of a worker that waits when it gets less than {@code
   * max}: it registers the worker as idle for that long, or deregisters it; null for a refill.
   */
  static String[] fetch(
      QueueKeys keys,
      String token,
      String limits,
      int max,
      long leaseMillis,
      int maxStalled,
      Duration idleTtl,
      List<Ack> acks,
      long nowMillis,
      long historyMillis,
      StepSettling steps) {
    List<String> args = new ArrayList<>(11 + acks.size() * 2);
    args.add(keys.base());
    args.add(FETCH);
    args.add(token);
    args.add(limits);
    args.add(Integer.toString(max));
    args.add(Long.toString(leaseMillis));
    args.add(Integer.toString(maxStalled));
    args.add(idleTtl == null ? "" : Long.toString(idleTtl.toMillis()));
    return withOutcomes(args, historyMillis, steps, acks, nowMillis);
  }

  /** Arguments of a call that only acknowledges {@code acks}. */
  static String[] ackOnly(
      QueueKeys keys,
      String token,
      List<Ack> acks,
      long nowMillis,
      long historyMillis,
      StepSettling steps) {
    List<String> args = new ArrayList<>(11 + acks.size() * 2);
    args.add(keys.base());
    args.add(ACK);
    args.add(token);
    // The rate limits, max, lease, maxStalled and idle lifetime, which an acknowledgement does not
    // use.
    args.add("");
    args.add("0");
    args.add("0");
    args.add("0");
    args.add("");
    return withOutcomes(args, historyMillis, steps, acks, nowMillis);
  }

  /**
   * Where a call settles workflow steps: the workflows' key prefix ("" for not in this call) and
   * the queue whose released steps it adds itself ("" for none).
   */
  record StepSettling(String workflowPrefix, String queue) {
    static final StepSettling NONE = new StepSettling("", "");
  }

  private static String[] withOutcomes(
      List<String> args, long historyMillis, StepSettling steps, List<Ack> acks, long nowMillis) {
    args.add(Long.toString(historyMillis));
    args.add(steps.workflowPrefix());
    args.add(steps.queue());
    outcomes(acks, args, nowMillis);
    return args.toArray(String[]::new);
  }

  private static void outcomes(List<Ack> acks, List<String> args, long nowMillis) {
    Map<Retention, List<Ack.Complete>> completed = new LinkedHashMap<>();
    for (Ack ack : acks) {
      switch (ack) {
        case Ack.Complete c ->
            completed.computeIfAbsent(c.retention(), r -> new ArrayList<>()).add(c);
        case Ack.Retry r -> {
          failure("r", r.id(), r.failure(), args);
          args.add("-1");
          args.add("-1");
          // The server applies the delay on its own clock.
          args.add(Long.toString(Math.max(0, r.runAt().toEpochMilli() - nowMillis)));
          run(r.run(), args);
        }
        case Ack.Fail f -> {
          failure(f.dead() ? "d" : "f", f.id(), f.failure(), args);
          retention(f.retention(), args);
          args.add("0");
          run(f.run(), args);
        }
        case Ack.Snooze s -> {
          // The failure's place stays empty: a snooze keeps the job's last failure.
          failure("z", s.id(), new JobFailure("", "", ""), args);
          args.add("-1");
          args.add("-1");
          args.add(Long.toString(Math.max(0, s.runAt().toEpochMilli() - nowMillis)));
          run(null, args);
        }
      }
    }
    completed.forEach((retention, group) -> completions(retention, group, args));
  }

  private static void failure(String kind, String id, JobFailure failure, List<String> args) {
    args.add(kind);
    args.add(id);
    args.add(nonNull(failure.exceptionClass()));
    args.add(nonNull(failure.message()));
    args.add(nonNull(failure.stackTrace()));
  }

  private static void completions(
      Retention retention, List<Ack.Complete> group, List<String> args) {
    boolean runs = !retention.keepsNothing() && group.stream().anyMatch(c -> c.run() != null);
    Map<Integer, Long> buckets = new TreeMap<>();
    for (Ack.Complete c : group) {
      if (c.run() != null) {
        buckets.merge(LatencySketch.bucketOf(c.run().took()), 1L, Long::sum);
      }
    }
    args.add("C");
    args.add(Integer.toString(group.size()));
    retention(retention, args);
    args.add(runs ? "3" : "2");
    args.add(Integer.toString(buckets.size()));
    buckets.forEach(
        (bucket, count) -> {
          args.add(Integer.toString(bucket));
          args.add(Long.toString(count));
        });
    for (Ack.Complete c : group) {
      args.add(c.id());
      args.add(nonNull(c.result()));
      if (runs) {
        RunInfo run = c.run();
        args.add(
            run == null
                ? ""
                : run.startedAt().toEpochMilli()
                    + ","
                    + run.took().toMillis()
                    + ","
                    + run.worker());
      }
    }
  }

  /** A run's start, run time (ms), latency bucket and worker; four empty values when unknown. */
  private static void run(RunInfo run, List<String> args) {
    if (run == null) {
      args.add("");
      args.add("");
      args.add("");
      args.add("");
      return;
    }
    args.add(Long.toString(run.startedAt().toEpochMilli()));
    args.add(Long.toString(run.took().toMillis()));
    args.add(Integer.toString(LatencySketch.bucketOf(run.took())));
    args.add(run.worker());
  }

  private static void retention(Retention retention, List<String> args) {
    args.add(Long.toString(retention.maxCount()));
    args.add(retention.maxAge() == null ? "-1" : Long.toString(retention.maxAge().toMillis()));
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
