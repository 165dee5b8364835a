package dev.errand.devtools.internal.queue;

import dev.errand.devtools.internal.api.ApiSection;
import dev.errand.devtools.internal.http.ApiException;
import dev.errand.devtools.internal.http.Reply;
import dev.errand.devtools.internal.http.Request;
import dev.errand.devtools.internal.http.Router;
import dev.errand.devtools.internal.queue.QueueViews.CountsView;
import dev.errand.devtools.internal.queue.QueueViews.JobDetail;
import dev.errand.devtools.internal.queue.QueueViews.JobPage;
import dev.errand.devtools.internal.queue.QueueViews.JobSummary;
import dev.errand.devtools.internal.queue.QueueViews.MetricsView;
import dev.errand.devtools.internal.queue.QueueViews.QueueView;
import dev.errand.devtools.internal.queue.QueueViews.QueuesView;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The queue section: queues with their counts, jobs per state with paging and search, one job's
 * detail, and the job and queue actions.
 */
public final class QueueApi implements ApiSection {

  /** How many jobs of a state a name search looks through, newest first. */
  static final int SEARCH_SCAN = 2_000;

  private static final int SCAN_BATCH = 200;

  private final QueueOps ops;
  private final QueueCatalog catalog;

  QueueApi(QueueOps ops, QueueCatalog catalog) {
    this.ops = ops;
    this.catalog = catalog;
  }

  @Override
  public void register(Router router) {
    router.get("/api/queues", request -> Reply.ok(overview()));
    router.get("/api/queues/{queue}", request -> Reply.ok(queue(request.path("queue"))));
    router.get("/api/queues/{queue}/jobs", request -> Reply.ok(jobs(request)));
    router.get(
        "/api/queues/{queue}/jobs/{id}",
        request -> {
          String queue = request.path("queue");
          String id = request.path("id");
          JobInfo job =
              ops.job(queue, id)
                  .orElseThrow(() -> ApiException.notFound("Queue " + queue + " has no job " + id));
          return Reply.ok(JobDetail.of(job));
        });
    jobAction(router, "retry", ops::retry);
    jobAction(router, "remove", ops::remove);
    jobAction(router, "promote", ops::promote);
    jobAction(router, "cancel", ops::cancel);
    router.post(
        "/api/queues/{queue}/retry-failed",
        request -> {
          String queue = request.path("queue");
          return Reply.ok(Map.of("queue", queue, "retried", ops.retryAll(queue)));
        });
    router.post(
        "/api/queues/{queue}/pause",
        request -> {
          ops.pause(request.path("queue"));
          return Reply.ok(queue(request.path("queue")));
        });
    router.post(
        "/api/queues/{queue}/resume",
        request -> {
          ops.resume(request.path("queue"));
          return Reply.ok(queue(request.path("queue")));
        });
    BulkActions.register(router, ops);
    router.post("/api/queues/{queue}/clean", this::clean);
    router.post(
        "/api/queues/{queue}/drain",
        request -> {
          String queue = request.path("queue");
          return Reply.ok(Map.of("queue", queue, "removed", ops.drain(queue)));
        });
  }

  private interface JobAction {
    void apply(String queue, String id);
  }

  private void jobAction(Router router, String name, JobAction action) {
    router.post(
        "/api/queues/{queue}/jobs/{id}/" + name,
        request -> {
          String queue = request.path("queue");
          String id = request.path("id");
          action.apply(queue, id);
          return Reply.ok(Map.of("queue", queue, "id", id, "done", name));
        });
  }

  /**
   * Every queue with its counts. The queues are read at once, one virtual thread each: on Redis a
   * queue's counts are a round trip, and a hundred of them one after another made the page's most
   * frequent call its slowest.
   */
  private QueuesView overview() {
    List<QueueView> queues = new ArrayList<>();
    try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<QueueView>> pending =
          catalog.names().stream().map(name -> readers.submit(() -> queue(name))).toList();
      for (Future<QueueView> view : pending) {
        queues.add(view.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the queues", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    }
    return new QueuesView(true, queues, ops.actions());
  }

  private QueueView queue(String name) {
    QueueCounts counts = ops.counts(name);
    return new QueueView(
        name, CountsView.of(counts), counts.paused(), MetricsView.of(ops.metrics(name)));
  }

  private JobPage jobs(Request request) {
    String queue = request.path("queue");
    JobState state = QueueOps.state(request.query("state").orElse("waiting"));
    int limit = request.intQuery("limit", 20, 1, 200);
    Optional<String> search = request.query("search");
    if (search.isPresent()) {
      return search(queue, state, search.get(), limit);
    }
    int offset = request.intQuery("offset", 0, 0, Integer.MAX_VALUE);
    List<JobSummary> jobs =
        ops.jobs(queue, state, offset, limit).stream().map(JobSummary::of).toList();
    long total = ops.counts(queue).of(state);
    return new JobPage(queue, state.code(), offset, limit, total, null, jobs);
  }

  /**
   * An exact id match in any state, then jobs of {@code state} whose id or name contains the text
   * (ignoring case), looking through the newest {@link #SEARCH_SCAN}.
   */
  private JobPage search(String queue, JobState state, String text, int limit) {
    List<JobInfo> matches = new ArrayList<>();
    ops.job(queue, text).ifPresent(matches::add);
    String needle = text.toLowerCase(Locale.ROOT);
    for (int offset = 0; offset < SEARCH_SCAN && matches.size() < limit; offset += SCAN_BATCH) {
      List<JobInfo> batch = ops.jobs(queue, state, offset, SCAN_BATCH);
      for (JobInfo job : batch) {
        boolean hit =
            job.id().toLowerCase(Locale.ROOT).contains(needle)
                || job.name().toLowerCase(Locale.ROOT).contains(needle);
        if (hit && matches.size() < limit && !job.id().equals(text)) {
          matches.add(job);
        }
      }
      if (batch.size() < SCAN_BATCH) {
        break;
      }
    }
    List<JobSummary> jobs = matches.stream().map(JobSummary::of).toList();
    return new JobPage(queue, state.code(), 0, limit, jobs.size(), text, jobs);
  }

  /**
   * Deletes finished jobs of one state: with {@code keep}, all but the newest {@code keep};
   * otherwise those finished more than {@code olderThanSeconds} ago (default 0: all of them).
   */
  private Reply clean(Request request) {
    String queue = request.path("queue");
    JobState state = QueueOps.state(request.query("state").orElse("completed"));
    if (state != JobState.COMPLETED && state != JobState.FAILED && state != JobState.DEAD) {
      throw ApiException.badRequest(
          "Only completed, failed or dead jobs can be cleaned, not " + state.code());
    }
    Duration olderThan =
        Duration.ofSeconds(request.intQuery("olderThanSeconds", 0, 0, Integer.MAX_VALUE));
    Optional<Integer> keep =
        request.query("keep").map(k -> request.intQuery("keep", 0, 0, Integer.MAX_VALUE));
    long removed = ops.clean(queue, state, olderThan, keep);
    return Reply.ok(Map.of("queue", queue, "state", state.code(), "removed", removed));
  }
}
