package dev.errand.devtools.internal.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.devtools.internal.http.ApiException;
import dev.errand.devtools.internal.http.Reply;
import dev.errand.devtools.internal.http.Request;
import dev.errand.devtools.internal.http.Router;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Retry or remove the jobs ticked on the page: {@code POST /api/queues/{queue}/bulk/retry} (or
 * {@code remove}) with the body {@code {"ids": ["12", "13"]}}. Each job is acted on alone; those
 * the action does not fit (gone, or in the wrong state) are listed with the reason.
 */
final class BulkActions {

  /** The most ids one call takes: a few pages of the jobs table. */
  static final int MAX_IDS = 1_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One job the action refused, and why. */
  record Refused(String id, String reason) {}

  /** What a bulk action did. */
  record BulkResult(String queue, String action, List<String> done, List<Refused> refused) {}

  private interface PerJob {
    void apply(String queue, String id);
  }

  private BulkActions() {}

  static void register(Router router, QueueOps ops) {
    router.post("/api/queues/{queue}/bulk/retry", request -> run(request, "retry", ops::retry));
    router.post("/api/queues/{queue}/bulk/remove", request -> run(request, "remove", ops::remove));
  }

  private static Reply run(Request request, String action, PerJob perJob) {
    String queue = request.path("queue");
    List<String> done = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    for (String id : ids(request.body())) {
      try {
        perJob.apply(queue, id);
        done.add(id);
      } catch (ApiException e) {
        refused.add(new Refused(id, e.getMessage()));
      }
    }
    return Reply.ok(new BulkResult(queue, action, done, refused));
  }

  static Set<String> ids(byte[] body) {
    JsonNode tree;
    try {
      tree = body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      tree = null;
    }
    JsonNode ids = tree == null ? null : tree.get("ids");
    if (ids == null || !ids.isArray() || ids.isEmpty()) {
      throw ApiException.badRequest(
          "A bulk action needs a JSON body {\"ids\": [\"<job id>\", ...]} with 1 to "
              + MAX_IDS
              + " job ids");
    }
    if (ids.size() > MAX_IDS) {
      throw ApiException.badRequest(
          "A bulk action takes at most " + MAX_IDS + " job ids, not " + ids.size());
    }
    Set<String> result = new LinkedHashSet<>();
    for (JsonNode id : ids) {
      if (!id.isTextual() || id.asText().isBlank()) {
        throw ApiException.badRequest("Job ids in a bulk action are non-empty strings, not " + id);
      }
      result.add(id.asText());
    }
    return result;
  }
}
