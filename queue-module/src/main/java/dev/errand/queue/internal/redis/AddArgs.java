package dev.errand.queue.internal.redis;

import dev.errand.queue.Deduplication;
import dev.errand.queue.spi.JobDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes an add call as the script arguments {@code add.lua} reads: consecutive jobs that differ
 * only in id and payload share one header, so the common call costs two values a job.
 */
final class AddArgs {

  private AddArgs() {}

  static String[] write(
      String base, List<JobDraft> jobs, String callId, long callMemoryMillis, long now) {
    List<String> args = new ArrayList<>(8 + jobs.size() * 2);
    args.add(base);
    args.add(Integer.toString(jobs.size()));
    args.add(callId);
    args.add(Long.toString(callMemoryMillis));
    int from = 0;
    while (from < jobs.size()) {
      JobDraft first = jobs.get(from);
      int to = from + 1;
      while (to < jobs.size() && sameHeader(first, jobs.get(to), now)) {
        to++;
      }
      args.add(Integer.toString(to - from));
      args.add(first.name());
      args.add(first.options() == null ? "" : first.options());
      args.add(Integer.toString(first.priority()));
      // A delay, not a time: the server applies it on its own clock.
      args.add(Long.toString(delayOf(first, now)));
      args.add(first.group() == null ? "" : first.group());
      deduplication(first.deduplication(), args);
      for (int i = from; i < to; i++) {
        JobDraft job = jobs.get(i);
        args.add(job.jobId() == null ? "" : job.jobId());
        args.add(job.payload());
      }
      from = to;
    }
    return args.toArray(String[]::new);
  }

  private static boolean sameHeader(JobDraft a, JobDraft b, long now) {
    return a.name().equals(b.name())
        && Objects.equals(a.options(), b.options())
        && a.priority() == b.priority()
        && Objects.equals(a.group(), b.group())
        && Objects.equals(a.deduplication(), b.deduplication())
        && delayOf(a, now) == delayOf(b, now);
  }

  /** Mode (t throttle, d debounce, u while unfinished; '' none), key, window in ms. */
  private static void deduplication(Deduplication dedup, List<String> args) {
    if (dedup == null) {
      args.add("");
      args.add("");
      args.add("0");
      return;
    }
    args.add(
        switch (dedup.mode()) {
          case THROTTLE -> "t";
          case DEBOUNCE -> "d";
          case WHILE_UNFINISHED -> "u";
        });
    args.add(dedup.key());
    args.add(dedup.window() == null ? "0" : Long.toString(dedup.window().toMillis()));
  }

  private static long delayOf(JobDraft job, long now) {
    return job.runAt() == null ? 0 : Math.max(0, job.runAt().toEpochMilli() - now);
  }
}
