package dev.errand.devtools.internal.queue;

import dev.errand.devtools.internal.api.ApiSection;
import dev.errand.devtools.internal.http.ApiException;
import dev.errand.devtools.internal.http.Reply;
import dev.errand.devtools.internal.http.Request;
import dev.errand.devtools.internal.http.Router;
import dev.errand.devtools.internal.queue.QueueViews.JobSummary;
import dev.errand.queue.JobSearch;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdmin;
import java.util.List;

/**
 * Payload search: the jobs of a queue whose payload contains a text, in one state or all. How far
 * the backend looked comes back too ({@code scanned}, {@code complete}): Redis looks through a
 * bounded number of jobs per call.
 */
final class SearchApi implements ApiSection {

  record Found(List<JobSummary> jobs, long scanned, int limit, boolean complete) {}

  private final QueueAdmin admin;

  SearchApi(QueueAdmin admin) {
    this.admin = admin;
  }

  @Override
  public void register(Router router) {
    router.get("/api/queues/{queue}/search", request -> Reply.ok(search(request)));
  }

  private Found search(Request request) {
    String queue = request.path("queue");
    String text =
        request
            .query("text")
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "Query parameter 'text' is required: the text to find in payloads"));
    JobState state = request.query("state").map(QueueOps::state).orElse(null);
    int limit = request.intQuery("limit", 50, 1, 200);
    JobSearch found = admin.search(queue, text, state, limit);
    return new Found(
        found.jobs().stream().map(JobSummary::of).toList(),
        found.scanned(),
        limit,
        found.complete());
  }
}
