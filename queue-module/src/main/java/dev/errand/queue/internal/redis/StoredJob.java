package dev.errand.queue.internal.redis;

import dev.errand.queue.JobFailure;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reads a job hash written by the scripts. Field names are short to keep each job small. */
final class StoredJob {

  private StoredJob() {}

  static JobInfo info(String queue, String id, Map<String, String> h, List<String> logs) {
    String errorClass = h.get("ec");
    JobFailure failure =
        errorClass == null
            ? null
            : new JobFailure(errorClass, h.getOrDefault("em", ""), h.getOrDefault("st", ""));
    return new JobInfo(
        id,
        queue,
        h.get("n"),
        JobState.ofCode(h.getOrDefault("s", "waiting")),
        h.get("d"),
        h.get("o"),
        (int) number(h.get("p")),
        (int) number(h.get("a")),
        (int) number(h.get("sl")),
        instant(h.get("t")),
        instant(h.get("ps")),
        instant(h.get("f")),
        h.get("pg"),
        h.get("rv"),
        failure,
        List.copyOf(logs));
  }

  /**
   * A stored number, 0 if absent; read as a double, since older scripts wrote some in exponent
   * form.
   */
  static long number(String value) {
    return value == null || value.isEmpty() ? 0 : (long) Double.parseDouble(value);
  }

  private static Instant instant(String value) {
    return value == null || value.isEmpty() ? null : Instant.ofEpochMilli(number(value));
  }
}
