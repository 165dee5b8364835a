package dev.errand.devtools.internal.cron;

import dev.errand.cron.JobSchedules;
import dev.errand.cron.Recurrence;
import dev.errand.cron.ScheduleInfo;
import dev.errand.cron.SchedulePage;
import dev.errand.devtools.internal.api.ApiSection;
import dev.errand.devtools.internal.api.Times;
import dev.errand.devtools.internal.http.ApiException;
import dev.errand.devtools.internal.http.Reply;
import dev.errand.devtools.internal.http.Request;
import dev.errand.devtools.internal.http.Router;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The schedules section ({@link JobSchedules}, made at runtime): a page of schedules by id prefix,
 * one schedule with its next runs, and the pause, resume, trigger and remove actions.
 */
public final class ScheduleApi implements ApiSection {

  /** How many upcoming ticks a schedule's detail shows. */
  static final int NEXT_RUNS = 5;

  /** A page of schedules; {@code nextAfter} is the {@code after} of the next page, or null. */
  public record ScheduleList(
      boolean available, String prefix, List<ScheduleView> schedules, String nextAfter) {}

  /** One schedule; {@code nextRuns} only in the detail. */
  public record ScheduleView(
      String id,
      WhenView when,
      String queue,
      String name,
      String payload,
      boolean paused,
      String nextRun,
      String lastRun,
      long runs,
      List<String> nextRuns) {

    static ScheduleView of(ScheduleInfo s, List<String> nextRuns) {
      return new ScheduleView(
          s.id(),
          WhenView.of(s.when()),
          s.queue(),
          s.name(),
          s.payload(),
          s.paused(),
          Times.iso(s.nextRun()),
          Times.iso(s.lastRun()),
          s.runs(),
          nextRuns);
    }
  }

  /** A recurrence: the fields of its kind, the others null. */
  public record WhenView(
      String kind,
      String expression,
      String zone,
      Long intervalSeconds,
      String at,
      String start,
      String end,
      Long limit,
      String misfire) {

    static WhenView of(Recurrence r) {
      return new WhenView(
          r.kind().name(),
          r.expression(),
          r.kind() == Recurrence.Kind.CRON ? r.zone() : null,
          r.interval() == null ? null : r.interval().toSeconds(),
          Times.iso(r.at()),
          Times.iso(r.start()),
          Times.iso(r.end()),
          r.limit(),
          r.misfire().name());
    }
  }

  private final JobSchedules schedules;

  ScheduleApi(JobSchedules schedules) {
    this.schedules = schedules;
  }

  @Override
  public void register(Router router) {
    router.get("/api/schedules", request -> Reply.ok(list(request)));
    router.get("/api/schedules/{id}", request -> Reply.ok(detail(request.path("id"))));
    switchAction(router, "pause", schedules::pause);
    switchAction(router, "resume", schedules::resume);
    router.post(
        "/api/schedules/{id}/trigger",
        request -> {
          String id = existing(request.path("id")).id();
          return Reply.ok(Map.of("id", id, "jobId", schedules.trigger(id)));
        });
    router.post(
        "/api/schedules/{id}/remove",
        request -> {
          String id = existing(request.path("id")).id();
          return Reply.ok(Map.of("id", id, "removed", schedules.remove(id)));
        });
  }

  /** Pause or resume: answers with the schedule as it is afterwards. */
  private void switchAction(Router router, String name, Predicate<String> action) {
    router.post(
        "/api/schedules/{id}/" + name,
        request -> {
          String id = existing(request.path("id")).id();
          action.test(id);
          return Reply.ok(detail(id));
        });
  }

  private ScheduleList list(Request request) {
    String prefix = request.query("prefix").orElse("");
    String after = request.query("after").orElse(null);
    int limit = request.intQuery("limit", 50, 1, 1000);
    SchedulePage page = schedules.list(prefix, after, limit);
    List<ScheduleView> views =
        page.schedules().stream().map(s -> ScheduleView.of(s, null)).toList();
    return new ScheduleList(true, prefix, views, page.nextAfter());
  }

  private ScheduleView detail(String id) {
    ScheduleInfo info = existing(id);
    List<String> next = schedules.nextRuns(info.id(), NEXT_RUNS).stream().map(Times::iso).toList();
    return ScheduleView.of(info, next);
  }

  private ScheduleInfo existing(String id) {
    return schedules.get(id).orElseThrow(() -> ApiException.notFound("No schedule " + id));
  }
}
