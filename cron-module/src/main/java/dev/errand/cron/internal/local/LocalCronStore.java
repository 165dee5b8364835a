package dev.errand.cron.internal.local;

import dev.errand.cron.CronRun;
import dev.errand.cron.RunStatus;
import dev.errand.cron.spi.ClaimOutcome;
import dev.errand.cron.spi.CronStore;
import dev.errand.cron.spi.TickClaim;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Ticks and history in this process's memory: correct for a single instance, forgotten on restart.
 * One lock guards everything; cron traffic is a handful of operations per second at most.
 */
public final class LocalCronStore implements CronStore {

  private final Map<String, NavigableMap<Instant, CronRun>> runs = new HashMap<>();
  private final Set<String> paused = new HashSet<>();

  /** The latest renewal of each RUNNING run, by job and then tick. */
  private final Map<String, Map<Instant, Instant>> renewals = new HashMap<>();

  @Override
  public synchronized ClaimOutcome claim(TickClaim claim) {
    if (!claim.ignorePause() && paused.contains(claim.jobId())) {
      return ClaimOutcome.PAUSED;
    }
    NavigableMap<Instant, CronRun> history =
        runs.computeIfAbsent(claim.jobId(), id -> new TreeMap<>());
    if (history.containsKey(claim.scheduledAt())) {
      return ClaimOutcome.TAKEN;
    }
    Map<Instant, Instant> renewed = renewals.computeIfAbsent(claim.jobId(), id -> new HashMap<>());
    boolean running = false;
    for (CronRun run : List.copyOf(history.values())) {
      if (run.status() != RunStatus.RUNNING) {
        continue;
      }
      Instant lastRenewal = renewed.getOrDefault(run.scheduledAt(), run.startedAt());
      Optional<String> overdue = claim.overdue(run.startedAt(), lastRenewal);
      if (overdue.isEmpty()) {
        running = true;
      } else {
        history.put(run.scheduledAt(), ended(run, RunStatus.FAILURE, claim.now(), overdue.get()));
        renewed.remove(run.scheduledAt());
      }
    }
    RunStatus status = running ? RunStatus.SKIPPED : RunStatus.RUNNING;
    Instant finished = running ? claim.now() : null;
    history.put(
        claim.scheduledAt(),
        new CronRun(
            claim.jobId(),
            claim.scheduledAt(),
            claim.now(),
            finished,
            status,
            null,
            claim.instance()));
    return running ? ClaimOutcome.SKIPPED : ClaimOutcome.RUN;
  }

  @Override
  public synchronized void finish(
      String jobId, Instant scheduledAt, RunStatus status, Instant finishedAt, String error) {
    NavigableMap<Instant, CronRun> history = runs.get(jobId);
    CronRun run = history == null ? null : history.get(scheduledAt);
    if (run != null) {
      history.put(scheduledAt, ended(run, status, finishedAt, error));
    }
    renewals.getOrDefault(jobId, new HashMap<>()).remove(scheduledAt);
  }

  @Override
  public synchronized boolean renew(String jobId, Instant scheduledAt, Instant now) {
    NavigableMap<Instant, CronRun> history = runs.get(jobId);
    CronRun run = history == null ? null : history.get(scheduledAt);
    if (run == null || run.status() != RunStatus.RUNNING) {
      return false;
    }
    renewals.computeIfAbsent(jobId, id -> new HashMap<>()).put(scheduledAt, now);
    return true;
  }

  @Override
  public synchronized List<CronRun> history(String jobId, int limit) {
    NavigableMap<Instant, CronRun> history = runs.getOrDefault(jobId, new TreeMap<>());
    return new ArrayList<>(history.descendingMap().values()).stream().limit(limit).toList();
  }

  @Override
  public synchronized int prune(String jobId, Instant before) {
    NavigableMap<Instant, CronRun> history = runs.get(jobId);
    if (history == null) {
      return 0;
    }
    int removed = 0;
    for (CronRun run : List.copyOf(history.headMap(before, false).values())) {
      if (run.status() != RunStatus.RUNNING) {
        history.remove(run.scheduledAt());
        removed++;
      }
    }
    return removed;
  }

  @Override
  public synchronized void setPaused(String jobId, boolean pause) {
    if (pause) {
      paused.add(jobId);
    } else {
      paused.remove(jobId);
    }
  }

  @Override
  public synchronized boolean isPaused(String jobId) {
    return paused.contains(jobId);
  }

  private static CronRun ended(CronRun run, RunStatus status, Instant finishedAt, String error) {
    return new CronRun(
        run.jobId(), run.scheduledAt(), run.startedAt(), finishedAt, status, error, run.instance());
  }
}
