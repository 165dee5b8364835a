package dev.errand.queue.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.queue.Backoff;
import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueDefaults;
import dev.errand.queue.Retention;
import java.io.IOException;
import java.time.Duration;

/**
 * Writes the options a worker needs (attempts, backoff, timeout, retention) into a small JSON
 * object stored with the job, and reads them back merged over the worker's queue defaults. Only
 * options the job set are stored, so most jobs store none.
 */
public final class OptionsCodec {

  private final ObjectMapper mapper;

  public OptionsCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The stored form, or null when the job sets nothing a worker reads. */
  public String write(JobOptions options) {
    ObjectNode node = mapper.createObjectNode();
    options.attempts().ifPresent(a -> node.put("attempts", a));
    options.backoff().ifPresent(b -> node.set("backoff", backoff(b)));
    options.timeout().ifPresent(t -> node.put("timeout", t.toMillis()));
    options.removeOnComplete().ifPresent(r -> node.set("rc", retention(r)));
    options.removeOnFail().ifPresent(r -> node.set("rf", retention(r)));
    return node.isEmpty() ? null : node.toString();
  }

  /** The run's options: what {@code stored} sets, the rest from {@code defaults}. */
  public RunOptions read(String stored, QueueDefaults defaults) throws IOException {
    RunOptions base = RunOptions.of(defaults);
    if (stored == null || stored.isEmpty()) {
      return base;
    }
    JsonNode node = mapper.readTree(stored);
    return new RunOptions(
        node.has("attempts") ? node.get("attempts").asInt() : base.attempts(),
        node.has("backoff") ? backoff(node.get("backoff")) : base.backoff(),
        node.has("timeout") ? Duration.ofMillis(node.get("timeout").asLong()) : base.timeout(),
        node.has("rc") ? retention(node.get("rc")) : base.removeOnComplete(),
        node.has("rf") ? retention(node.get("rf")) : base.removeOnFail());
  }

  private ObjectNode backoff(Backoff backoff) {
    ObjectNode node = mapper.createObjectNode();
    switch (backoff) {
      case Backoff.Fixed f -> node.put("type", "fixed").put("delay", f.delay().toMillis());
      case Backoff.Exponential e ->
          node.put("type", "exponential")
              .put("delay", e.initialDelay().toMillis())
              .put("jitter", e.jitter());
      case Backoff.Custom c -> node.put("type", "custom").put("name", c.name());
    }
    return node;
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

  private ObjectNode retention(Retention r) {
    ObjectNode node = mapper.createObjectNode().put("count", r.maxCount());
    if (r.maxAge() != null) {
      node.put("age", r.maxAge().toMillis());
    }
    return node;
  }

  private static Retention retention(JsonNode node) {
    JsonNode age = node.get("age");
    return new Retention(
        node.path("count").asLong(-1), age == null ? null : Duration.ofMillis(age.asLong()));
  }
}
