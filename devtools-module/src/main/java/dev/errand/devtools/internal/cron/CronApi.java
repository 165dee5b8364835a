package dev.errand.devtools.internal.cron;

import dev.errand.cron.CronJobStatus;
import dev.errand.cron.CronRun;
import dev.errand.cron.CronService;
import dev.errand.cron.CronTotals;
import dev.errand.devtools.internal.api.ApiSection;
import dev.errand.devtools.internal.api.Times;
import dev.errand.devtools.internal.http.ApiException;
import dev.errand.devtools.internal.http.Reply;
import dev.errand.devtools.internal.http.Router;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cron section: every job's schedule and latest run, run totals, a job's history, and the
 * trigger, enable and disable actions.
 */
public final class CronApi implements ApiSection {

  private static final Logger log = LoggerFactory.getLogger(CronApi.class);

  /** The cron section's listing. */
  public record CronOverview(boolean available, List<JobView> jobs, TotalsView totals) {}

  /** One job as {@link CronJobStatus} describes it, with times as text and durations in ms. */
  public record JobView(
      String id,
      String description,
      String expression,
      String zone,
      boolean enabled,
      boolean scheduled,
      String nextRun,
      String lastRun,
      Long lastDurationMs,
      String lastStatus,
      String lastError) {

    static JobView of(CronJobStatus s) {
      return new JobView(
          s.id(),
          s.description(),
          s.expression(),
          s.zone(),
          s.enabled(),
          s.scheduled(),
          Times.iso(s.nextRun()),
          Times.iso(s.lastRun()),
          Times.millis(s.lastDuration()),
          s.lastStatus() == null ? null : s.lastStatus().name(),
          s.lastError());
    }
  }

  /** This process's run counts. */
  public record TotalsView(
      long runs, long successes, long failures, long skipped, long meanDurationMs) {

    static TotalsView of(CronTotals t) {
      return new TotalsView(
          t.runs(), t.successes(), t.failures(), t.skipped(), t.meanDuration().toMillis());
    }
  }

  /** One entry of a job's history. */
  public record RunView(
      String scheduledAt,
      String startedAt,
      String finishedAt,
      String status,
      Long durationMs,
      String error,
      String instance) {

    static RunView of(CronRun r) {
      return new RunView(
          Times.iso(r.scheduledAt()),
          Times.iso(r.startedAt()),
          Times.iso(r.finishedAt()),
          r.status().name(),
          r.duration().map(d -> d.toMillis()).orElse(null),
          r.error(),
          r.instance());
    }
  }

  private final CronService cron;

  CronApi(CronService cron) {
    this.cron = cron;
  }

  @Override
  public void register(Router router) {
    router.get("/api/cron", request -> Reply.ok(overview()));
    router.get("/api/cron/{id}", request -> Reply.ok(JobView.of(job(request.path("id")))));
    router.get(
        "/api/cron/{id}/history",
        request -> {
          String id = job(request.path("id")).id();
          int limit = request.intQuery("limit", 20, 1, 500);
          List<RunView> runs = cron.history(id, limit).stream().map(RunView::of).toList();
          return Reply.ok(Map.of("id", id, "runs", runs));
        });
    router.post("/api/cron/{id}/trigger", request -> trigger(job(request.path("id")).id()));
    router.post(
        "/api/cron/{id}/enable",
        request -> {
          String id = job(request.path("id")).id();
          cron.enable(id);
          return Reply.ok(JobView.of(cron.job(id)));
        });
    router.post(
        "/api/cron/{id}/disable",
        request -> {
          String id = job(request.path("id")).id();
          cron.disable(id);
          return Reply.ok(JobView.of(cron.job(id)));
        });
  }

  private CronOverview overview() {
    List<JobView> jobs = cron.jobs().stream().map(JobView::of).toList();
    return new CronOverview(true, jobs, TotalsView.of(cron.totals()));
  }

  private Reply trigger(String id) {
    // The run may take long: answer at once; the page sees the run in the history it polls.
    cron.trigger(id)
        .whenComplete(
            (run, error) -> {
              if (error != null) {
                log.warn("Cron job {} triggered from the dashboard could not run", id, error);
              }
            });
    return Reply.accepted(Map.of("id", id, "triggered", true));
  }

  private CronJobStatus job(String id) {
    try {
      return cron.job(id);
    } catch (IllegalArgumentException unknown) {
      throw ApiException.notFound(unknown.getMessage());
    }
  }
}
