package dev.errand.devtools;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.queue.JobOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The queue section of the JSON API on the memory queue, with what its test classes share: jobs
 * that fail or complete on demand and the queue's row of the overview. The reading and the acting
 * halves of the section are tested apart, and need the same few steps to bring a queue into shape.
 */
abstract class QueueApiTestBase extends DashboardApiContract {

  @Override
  Map<String, String> backend() {
    return Map.of();
  }

  String addFlaky(String note) {
    return dash.queue().add(Q, "flaky", Map.of("note", note));
  }

  void awaitCount(String state, long expected) {
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> queueRow().path("counts").path(state).asLong() == expected);
  }

  JsonNode queueRow() {
    for (JsonNode queue : dash.get("/api/queues").tree().path("queues")) {
      if (queue.path("name").asText().equals(Q)) {
        return queue;
      }
    }
    throw new AssertionError("queue " + Q + " is not listed");
  }

  static JobOptions delayed() {
    return JobOptions.builder().delay(Duration.ofHours(1)).build();
  }

  void completeEchoJobs(int count) {
    for (int i = 0; i < count; i++) {
      dash.queue().add(Q, "echo", Map.of("n", i));
    }
    awaitCount("completed", count);
  }

  String state(String id) {
    return dash.get("/api/queues/" + Q + "/jobs/" + id).tree().path("state").asText();
  }
}
