package dev.errand.queue.internal.redis;

import dev.errand.queue.JobAttempt;
import dev.errand.queue.JobFailure;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.spi.AttemptRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a job hash written by the scripts. Field names are short to keep each job small.
 *
 * <p>A field that cannot be read (overwritten by hand with text, say) does not fail the listing it
 * is part of: the job is shown with that field at its default, and a line in its log names the
 * field and what it held.
 */
final class StoredJob {

  private final Map<String, String> hash;
  private final List<String> unreadable = new ArrayList<>();

  private StoredJob(Map<String, String> hash) {
    this.hash = hash;
  }

  static JobInfo info(String queue, String id, Map<String, String> h, List<String> logs) {
    StoredJob job = new StoredJob(h);
    String errorClass = h.get("ec");
    JobFailure failure =
        errorClass == null
            ? null
            : new JobFailure(errorClass, h.getOrDefault("em", ""), h.getOrDefault("st", ""));
    JobInfo info =
        new JobInfo(
            id,
            queue,
            h.get("n"),
            job.state(),
            h.get("d"),
            h.get("o"),
            (int) job.number("p", "priority"),
            (int) job.number("a", "attempts made"),
            (int) job.number("sl", "stalls"),
            job.instant("t", "created at"),
            job.instant("ps", "started at"),
            job.instant("f", "finished at"),
            h.get("pg"),
            h.get("rv"),
            failure,
            job.withProblems(logs),
            null,
            job.attempts());
    return info;
  }

  private JobState state() {
    String code = hash.getOrDefault("s", "waiting");
    try {
      return JobState.ofCode(code);
    } catch (RuntimeException e) {
      unreadable.add("state holds '" + code + "', which is no state; shown as waiting");
      return JobState.WAITING;
    }
  }

  private long number(String field, String meaning) {
    String value = hash.get(field);
    try {
      return number(value);
    } catch (NumberFormatException e) {
      unreadable.add(meaning + " holds '" + value + "', not a number; shown as 0");
      return 0;
    }
  }

  private Instant instant(String field, String meaning) {
    String value = hash.get(field);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Instant.ofEpochMilli(number(value));
    } catch (NumberFormatException e) {
      unreadable.add(meaning + " holds '" + value + "', not a time; left out");
      return null;
    }
  }

  /**
   * The failed runs the scripts keep in the 'at' list, then, for a completed job, its last run from
   * the ru field (start, run time and worker).
   */
  private List<JobAttempt> attempts() {
    List<JobAttempt> attempts = new ArrayList<>();
    try {
      attempts.addAll(AttemptRecords.parse(hash.get("at")));
    } catch (IllegalArgumentException e) {
      unreadable.add("attempts hold text that is not their JSON list; left out");
    }
    String run = hash.get("ru");
    if ("completed".equals(hash.get("s")) && run != null && !run.isEmpty()) {
      // start,took,worker: the completed run, kept in one field to spare the script two.
      String[] parts = run.split(",", 3);
      try {
        long start = number(parts[0]);
        long took = number(parts[1]);
        attempts.add(
            new JobAttempt(
                (int) number("a", "attempts made"),
                Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(start + took),
                parts.length > 2 ? parts[2] : "",
                took,
                null));
      } catch (RuntimeException e) {
        unreadable.add("last run holds '" + run + "', not start,took,worker; left out");
      }
    }
    return attempts.size() <= JobInfo.KEPT_ATTEMPTS
        ? attempts
        : attempts.subList(attempts.size() - JobInfo.KEPT_ATTEMPTS, attempts.size());
  }

  private List<String> withProblems(List<String> logs) {
    if (unreadable.isEmpty()) {
      return List.copyOf(logs);
    }
    List<String> all = new ArrayList<>(logs);
    unreadable.forEach(problem -> all.add("Errand could not read this job's stored " + problem));
    return List.copyOf(all);
  }

  /**
   * A stored number, 0 if absent; read as a double, since older scripts wrote some in exponent
   * form.
   */
  static long number(String value) {
    return value == null || value.isEmpty() ? 0 : (long) Double.parseDouble(value);
  }
}
