package dev.errand.queue.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.queue.WorkerProcess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link WorkerProcess} as one JSON text, for backends that store each heartbeat as a value, and
 * the order every backend lists processes in.
 */
public final class ProcessRecords {

  /** By host, then start, then id. */
  public static final Comparator<WorkerProcess> ORDER =
      Comparator.comparing(WorkerProcess::host)
          .thenComparing(WorkerProcess::startedAt)
          .thenComparing(WorkerProcess::id);

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProcessRecords() {}

  public static String toJson(WorkerProcess p) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", p.id());
    node.put("host", p.host());
    node.put("pid", p.pid());
    node.put("app", p.app());
    node.put("startedAt", p.startedAt().toEpochMilli());
    node.put("lastSeen", p.lastSeen().toEpochMilli());
    ArrayNode queues = node.putArray("queues");
    for (WorkerProcess.Consumed q : p.queues()) {
      queues.addObject().put("queue", q.queue()).put("concurrency", q.concurrency());
    }
    ArrayNode running = node.putArray("running");
    for (WorkerProcess.Running r : p.running()) {
      running
          .addObject()
          .put("queue", r.queue())
          .put("jobId", r.jobId())
          .put("name", r.name())
          .put("startedAt", r.startedAt().toEpochMilli());
    }
    return node.toString();
  }

  /**
   * The process {@link #toJson} wrote.
   *
   * @throws IllegalArgumentException when {@code json} is not such a text
   */
  public static WorkerProcess fromJson(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      List<WorkerProcess.Consumed> queues = new ArrayList<>();
      for (JsonNode q : node.path("queues")) {
        queues.add(
            new WorkerProcess.Consumed(q.path("queue").asText(), q.path("concurrency").asInt()));
      }
      List<WorkerProcess.Running> running = new ArrayList<>();
      for (JsonNode r : node.path("running")) {
        running.add(
            new WorkerProcess.Running(
                r.path("queue").asText(),
                r.path("jobId").asText(),
                r.path("name").asText(),
                Instant.ofEpochMilli(r.path("startedAt").asLong())));
      }
      return new WorkerProcess(
          node.path("id").asText(),
          node.path("host").asText(),
          node.path("pid").asLong(),
          node.path("app").asText(),
          Instant.ofEpochMilli(node.path("startedAt").asLong()),
          Instant.ofEpochMilli(node.path("lastSeen").asLong()),
          queues,
          running);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("Not a stored heartbeat: " + e.getMessage(), e);
    }
  }
}
