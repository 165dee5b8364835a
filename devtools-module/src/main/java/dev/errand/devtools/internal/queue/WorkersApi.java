package dev.errand.devtools.internal.queue;

import dev.errand.devtools.internal.api.ApiSection;
import dev.errand.devtools.internal.api.Times;
import dev.errand.devtools.internal.http.Reply;
import dev.errand.devtools.internal.http.Router;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.WorkerProcess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The workers page's data: every process consuming queues, from their heartbeats. */
final class WorkersApi implements ApiSection {

  record Processes(List<ProcessView> processes) {}

  record ProcessView(
      String id,
      String host,
      long pid,
      String app,
      String startedAt,
      String lastSeen,
      List<ConsumedView> queues,
      List<RunningView> running) {}

  record ConsumedView(String queue, int concurrency) {}

  record RunningView(String queue, String jobId, String name, String startedAt, long runningMs) {}

  private final QueueAdmin admin;
  private final Clock clock;

  WorkersApi(QueueAdmin admin, Clock clock) {
    this.admin = admin;
    this.clock = clock;
  }

  @Override
  public void register(Router router) {
    router.get("/api/workers", request -> Reply.ok(processes()));
  }

  private Processes processes() {
    Instant now = clock.instant();
    return new Processes(admin.processes().stream().map(p -> view(p, now)).toList());
  }

  private static ProcessView view(WorkerProcess p, Instant now) {
    return new ProcessView(
        p.id(),
        p.host(),
        p.pid(),
        p.app(),
        Times.iso(p.startedAt()),
        Times.iso(p.lastSeen()),
        p.queues().stream().map(q -> new ConsumedView(q.queue(), q.concurrency())).toList(),
        p.running().stream()
            .map(
                r ->
                    new RunningView(
                        r.queue(),
                        r.jobId(),
                        r.name(),
                        Times.iso(r.startedAt()),
                        Math.max(0, Duration.between(r.startedAt(), now).toMillis())))
            .toList());
  }
}
