package dev.errand.tck.schedules;

import com.google.inject.Inject;
import dev.errand.cron.JobSchedules;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The handler of the cluster suite's schedule jobs: counts each schedule's runs of each tick. */
@Job("schedule-contract")
final class TickRecorder {

  /** Runs per schedule and tick, shared by every instance of a test. */
  static final class Runs {
    final Map<String, Map<Instant, AtomicInteger>> bySchedule = new ConcurrentHashMap<>();
    final Map<String, String> jobIdByTick = new ConcurrentHashMap<>();

    int ticksOf(String schedule) {
      return bySchedule.getOrDefault(schedule, Map.of()).size();
    }
  }

  private final Runs runs;

  @Inject
  TickRecorder(Runs runs) {
    this.runs = runs;
  }

  @Process("tick")
  void tick(Map<String, String> payload, JobContext job) {
    Instant tick = JobSchedules.scheduledAt(job).orElseThrow();
    runs.bySchedule
        .computeIfAbsent(payload.get("schedule"), s -> new ConcurrentHashMap<>())
        .computeIfAbsent(tick, t -> new AtomicInteger())
        .incrementAndGet();
    runs.jobIdByTick.put(payload.get("schedule") + "@" + tick, job.id());
  }
}
