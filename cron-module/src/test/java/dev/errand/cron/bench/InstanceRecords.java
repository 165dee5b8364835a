package dev.errand.cron.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the instances of {@link SchedulesBenchmark} wrote ({@link ScheduleBenchInstance}'s {@code
 * J}, {@code L} and {@code S} lines), read back and summarised over the measured minutes. Kept
 * apart from the benchmark, which runs the instances, because what counts as a tick enqueued, late
 * or duplicated is a question of its own that can be read without the run.
 */
final class InstanceRecords {

  /** Per job id, how many times it was added. */
  private final Map<String, Integer> jobs = new HashMap<>();

  /** Per add of a tick: the tick, and the ms from it until the add returned and it started. */
  private final List<long[]> lateness = new ArrayList<>();

  /** Per job run (when the instances consume): the tick, and the ms from it to the start. */
  private final List<long[]> started = new ArrayList<>();

  private InstanceRecords() {}

  /** Reads the instances' files, deleting each once read. */
  static InstanceRecords readAndDelete(List<Path> outputs) throws IOException {
    InstanceRecords records = new InstanceRecords();
    for (Path output : outputs) {
      for (String line : Files.readAllLines(output)) {
        String[] parts = line.split(" ");
        if (parts[0].equals("J")) {
          records.jobs.merge(parts[1], 1, Integer::sum);
        } else if (parts[0].equals("S")) {
          records.started.add(new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
        } else {
          records.lateness.add(
              new long[] {
                Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3])
              });
        }
      }
      Files.delete(output);
    }
    return records;
  }

  /**
   * Puts into {@code result}, in this order, the counts of the ticks in {@code [first, end)}
   * against the {@code expected} ones, how late they were and, when the instances {@code consume}d
   * the jobs, how soon their handlers started; the late moments go to standard error.
   */
  void summarize(
      Instant first, Instant end, long expected, boolean consume, Map<String, Object> result) {
    long[] inWindow =
        jobs.keySet().stream()
            .mapToLong(id -> Long.parseLong(id.substring(id.lastIndexOf('@') + 1)))
            .filter(t -> t >= first.toEpochMilli() && t < end.toEpochMilli())
            .toArray();
    long duplicates = jobs.values().stream().mapToLong(n -> n - 1).sum();
    List<long[]> measured =
        lateness.stream()
            .filter(pair -> pair[0] >= first.toEpochMilli() && pair[0] < end.toEpochMilli())
            .toList();
    // A job added before its tick is delayed until it: it is in the queue and due at the tick
    // itself, so it counts as 0 late.
    long[] late = measured.stream().mapToLong(pair -> Math.max(0, pair[1])).sorted().toArray();
    long[] added = measured.stream().mapToLong(pair -> pair[1]).sorted().toArray();
    long[] beforeAdd = measured.stream().mapToLong(pair -> pair[2]).sorted().toArray();
    result.put("expected_ticks", expected);
    result.put("enqueued_ticks", inWindow.length);
    result.put("duplicate_ticks", duplicates);
    result.put("missing_ticks", expected - inWindow.length);
    result.put("lateness_ms_p50", percentile(late, 0.50));
    result.put("lateness_ms_p99", percentile(late, 0.99));
    result.put("lateness_ms_max", late.length == 0 ? -1 : late[late.length - 1]);
    long lateTicks = Arrays.stream(late).filter(ms -> ms > 0).count();
    result.put("late_ticks_percent", late.length == 0 ? -1 : 100.0 * lateTicks / late.length);
    // When the add returned and when it started, from the tick (negative: before it).
    result.put("added_ms_p50", percentile(added, 0.50));
    result.put("added_ms_p99", percentile(added, 0.99));
    result.put("before_add_ms_p50", percentile(beforeAdd, 0.50));
    result.put("before_add_ms_p99", percentile(beforeAdd, 0.99));
    // Per tick moment, its slowest tick: how late a moment's last job typically lands (the median
    // over the moments), which tells a tail made by every moment from one made by a few bad ones.
    Map<Long, Long> worstOfMoment = new HashMap<>();
    measured.forEach(pair -> worstOfMoment.merge(pair[0], Math.max(0, pair[1]), Math::max));
    long[] worst = worstOfMoment.values().stream().mapToLong(Long::longValue).sorted().toArray();
    // Which moments were late, and how late their slowest tick: tells a slow minute from a few
    // stalls.
    System.err.println(
        "late moments (second of the minute: slowest ms): "
            + new java.util.TreeMap<>(worstOfMoment)
                .entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .map(e -> (e.getKey() / 1000 % 60) + ": " + e.getValue())
                    .toList());
    result.put("moment_worst_ms_p50", percentile(worst, 0.50));
    if (consume) {
      // From each tick to its job's handler starting, on the instances' workers.
      long[] start =
          started.stream()
              .filter(pair -> pair[0] >= first.toEpochMilli() && pair[0] < end.toEpochMilli())
              .mapToLong(pair -> pair[1])
              .sorted()
              .toArray();
      result.put("started_ticks", start.length);
      result.put("started_ms_p50", percentile(start, 0.50));
      result.put("started_ms_p99", percentile(start, 0.99));
      result.put("started_ms_min", start.length == 0 ? -1 : start[0]);
    }
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  }
}
