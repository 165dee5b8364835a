package dev.errand.queue.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.queue.Backoff;
import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueDefaults;
import dev.errand.queue.Retention;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the options a worker needs (attempts, backoff, timeout, retention, metadata) into a small
 * JSON object stored with the job, and reads them back merged over the worker's queue defaults.
 * Only options the job set are stored, so most jobs store none.
 */
public final class OptionsCodec {

  private static final int MAX_CACHED = 256;

  /** The field holding the job's metadata, written last. */
  private static final String METADATA = "m";

  private static final ObjectMapper READER = new ObjectMapper();

  private final ObjectMapper mapper;
  private final Map<String, Parsed> parsedCache = new ConcurrentHashMap<>();

  public OptionsCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The stored form, or null when the job sets nothing a worker reads. */
  public String write(JobOptions options) {
    // Written by hand: this runs on every add, and only numbers and one name are involved.
    StringBuilder json = new StringBuilder();
    options.attempts().ifPresent(a -> field(json, "attempts").append(a));
    options.backoff().ifPresent(b -> backoff(field(json, "backoff"), b));
    options.timeout().ifPresent(t -> field(json, "timeout").append(t.toMillis()));
    options.removeOnComplete().ifPresent(r -> retention(field(json, "rc"), r));
    options.removeOnFail().ifPresent(r -> retention(field(json, "rf"), r));
    if (!options.metadata().isEmpty()) {
      try {
        field(json, METADATA).append(mapper.writeValueAsString(options.metadata()));
      } catch (JsonProcessingException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
    return json.isEmpty() ? null : json.append('}').toString();
  }

  /**
   * The run's options: what {@code stored} sets, the rest from {@code defaults}. Jobs tend to share
   * a few option sets, so parsed ones are remembered.
   */
  public RunOptions read(String stored, QueueDefaults defaults) throws IOException {
    if (stored == null || stored.isEmpty()) {
      return RunOptions.of(defaults);
    }
    Parsed parsed = parsedCache.get(stored);
    if (parsed == null && stored.contains("\"" + METADATA + "\":")) {
      // Metadata such as request ids differs from job to job: not worth remembering.
      return parse(stored).over(RunOptions.of(defaults));
    }
    if (parsed == null) {
      parsed = parse(stored);
      if (parsedCache.size() > MAX_CACHED) {
        parsedCache.clear();
      }
      parsedCache.put(stored, parsed);
    }
    return parsed.over(RunOptions.of(defaults));
  }

  private Parsed parse(String stored) throws IOException {
    JsonNode node = mapper.readTree(stored);
    return new Parsed(
        node.has("attempts") ? node.get("attempts").asInt() : null,
        node.has("backoff") ? backoff(node.get("backoff")) : null,
        node.has("timeout") ? Duration.ofMillis(node.get("timeout").asLong()) : null,
        node.has("rc") ? retention(node.get("rc")) : null,
        node.has("rf") ? retention(node.get("rf")) : null,
        metadata(node));
  }

  /** The metadata in a job's stored options, empty when it has none or they cannot be read. */
  public static Map<String, String> metadataOf(String stored) {
    if (stored == null || !stored.contains("\"" + METADATA + "\":")) {
      return Map.of();
    }
    try {
      return metadata(READER.readTree(stored));
    } catch (IOException e) {
      return Map.of();
    }
  }

  private static Map<String, String> metadata(JsonNode node) {
    JsonNode m = node.get(METADATA);
    if (m == null || !m.isObject()) {
      return Map.of();
    }
    Map<String, String> entries = new LinkedHashMap<>();
    m.fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue().asText()));
    return Collections.unmodifiableMap(entries);
  }

  /** The options a job set, null where it set none. */
  private record Parsed(
      Integer attempts,
      Backoff backoff,
      Duration timeout,
      Retention removeOnComplete,
      Retention removeOnFail,
      Map<String, String> metadata) {

    RunOptions over(RunOptions base) {
      return new RunOptions(
          attempts != null ? attempts : base.attempts(),
          backoff != null ? backoff : base.backoff(),
          timeout != null ? timeout : base.timeout(),
          removeOnComplete != null ? removeOnComplete : base.removeOnComplete(),
          removeOnFail != null ? removeOnFail : base.removeOnFail(),
          metadata);
    }
  }

  private static StringBuilder field(StringBuilder json, String name) {
    return json.append(json.isEmpty() ? "{\"" : ",\"").append(name).append("\":");
  }

  private void backoff(StringBuilder json, Backoff backoff) {
    switch (backoff) {
      case Backoff.Fixed f ->
          json.append("{\"type\":\"fixed\",\"delay\":").append(f.delay().toMillis()).append('}');
      case Backoff.Exponential e ->
          json.append("{\"type\":\"exponential\",\"delay\":")
              .append(e.initialDelay().toMillis())
              .append(",\"jitter\":")
              .append(e.jitter())
              .append('}');
      case Backoff.Custom c -> {
        json.append("{\"type\":\"custom\",\"name\":");
        try {
          json.append(mapper.writeValueAsString(c.name()));
        } catch (JsonProcessingException impossible) {
          throw new IllegalStateException(impossible);
        }
        json.append('}');
      }
    }
  }

  private static Backoff backoff(JsonNode node) {
    return switch (node.path("type").asText()) {
      case "fixed" -> Backoff.fixed(Duration.ofMillis(node.path("delay").asLong()));
      case "custom" -> Backoff.custom(node.path("name").asText());
      default ->
          Backoff.exponential(
              Duration.ofMillis(node.path("delay").asLong()), node.path("jitter").asDouble());
    };
  }

  private static void retention(StringBuilder json, Retention r) {
    json.append("{\"count\":").append(r.maxCount());
    if (r.maxAge() != null) {
      json.append(",\"age\":").append(r.maxAge().toMillis());
    }
    json.append('}');
  }

  private static Retention retention(JsonNode node) {
    JsonNode age = node.get("age");
    return new Retention(
        node.path("count").asLong(-1), age == null ? null : Duration.ofMillis(age.asLong()));
  }
}
