package dev.errand.queue.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.queue.JobAttempt;
import dev.errand.queue.JobFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's finished runs as a JSON array, for backends that keep them as one value: each run an
 * object of {@code a} (attempt), {@code s} (start, epoch ms), {@code d} (run time, ms), {@code w}
 * (worker) and, for a failed run, {@code c}, {@code m}, {@code t} (error class, message, stack
 * trace). Numbers may be written as text (Redis scripts do).
 */
public final class AttemptRecords {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AttemptRecords() {}

  /**
   * One run without its attempt number, which the backend adds when it stores it; null for none.
   */
  public static String json(RunInfo run, JobFailure failure) {
    if (run == null) {
      return null;
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("s", run.startedAt().toEpochMilli());
    node.put("d", run.took().toMillis());
    node.put("w", run.worker());
    if (failure != null) {
      node.put("c", failure.exceptionClass());
      node.put("m", failure.message());
      node.put("t", failure.stackTrace());
    }
    return node.toString();
  }

  /**
   * The runs a stored array holds, oldest first; empty for null.
   *
   * @throws IllegalArgumentException when {@code json} is not such an array
   */
  public static List<JobAttempt> parse(String json) {
    List<JobAttempt> attempts = new ArrayList<>();
    if (json == null || json.isEmpty()) {
      return attempts;
    }
    try {
      for (JsonNode a : JSON.readTree(json)) {
        long start = a.path("s").asLong();
        long took = a.path("d").asLong();
        JobFailure failure =
            a.hasNonNull("c")
                ? new JobFailure(
                    a.path("c").asText(""), a.path("m").asText(""), a.path("t").asText(""))
                : null;
        attempts.add(
            new JobAttempt(
                a.path("a").asInt(),
                Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(start + took),
                a.path("w").asText(""),
                took,
                failure));
      }
      return attempts;
    } catch (Exception e) {
      throw new IllegalArgumentException("Not a stored list of attempts: " + e.getMessage(), e);
    }
  }
}
