package dev.errand.postgres.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Job events as NOTIFY payloads: a JSON object with the queue and an array of events. PostgreSQL
 * takes payloads under 8000 bytes, so a call's events go out in as many payloads as they need, and
 * an event too large on its own loses the end of its stack trace, then of its data and message.
 */
final class EventCodec {

  static final int MAX_BYTES = 7800;
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventCodec() {}

  /** The payloads that carry {@code events}, all of one queue. */
  static List<String> encode(String queue, List<JobEvent> events) {
    List<String> payloads = new ArrayList<>();
    ArrayNode batch = JSON.createArrayNode();
    int size = 0;
    for (JobEvent event : events) {
      ObjectNode node = fitted(event);
      int bytes = bytes(node);
      if (!batch.isEmpty() && size + bytes > MAX_BYTES - 200) {
        payloads.add(write(queue, batch));
        batch = JSON.createArrayNode();
        size = 0;
      }
      batch.add(node);
      size += bytes + 1;
    }
    if (!batch.isEmpty()) {
      payloads.add(write(queue, batch));
    }
    return payloads;
  }

  static List<JobEvent> decode(String payload) {
    try {
      JsonNode root = JSON.readTree(payload);
      String queue = root.get("q").asText();
      List<JobEvent> events = new ArrayList<>();
      for (JsonNode e : root.get("e")) {
        JobFailure failure =
            e.hasNonNull("fc")
                ? new JobFailure(e.get("fc").asText(), text(e, "fm"), text(e, "fs"))
                : null;
        events.add(
            new JobEvent(
                JobEvent.Type.valueOf(e.get("t").asText()),
                queue,
                e.get("i").asText(),
                text(e, "n"),
                e.path("a").asInt(),
                text(e, "d"),
                failure));
      }
      return events;
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("Unreadable queue event payload: " + payload, e);
    }
  }

  private static ObjectNode fitted(JobEvent event) {
    ObjectNode node = node(event);
    String[] shrinkable = {"fs", "d", "fm"};
    for (String field : shrinkable) {
      int excess = bytes(node) - (MAX_BYTES - 400);
      if (excess <= 0) {
        break;
      }
      String value = text(node, field);
      if (value != null) {
        int keep = Math.max(0, value.length() - excess - 20);
        node.put(field, value.substring(0, keep) + "...[cut]");
      }
    }
    return node;
  }

  private static ObjectNode node(JobEvent event) {
    ObjectNode node = JSON.createObjectNode();
    node.put("t", event.type().name());
    node.put("i", event.id());
    node.put("n", event.name());
    node.put("a", event.attempt());
    if (event.data() != null) {
      node.put("d", event.data());
    }
    JobFailure failure = event.failure();
    if (failure != null) {
      node.put("fc", failure.exceptionClass());
      node.put("fm", failure.message());
      node.put("fs", failure.stackTrace());
    }
    return node;
  }

  private static String write(String queue, ArrayNode events) {
    ObjectNode root = JSON.createObjectNode();
    root.put("q", queue);
    root.set("e", events);
    return root.toString();
  }

  private static int bytes(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
