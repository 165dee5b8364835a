package dev.errand.queue.internal;

import dev.errand.queue.MonitoringSettings;
import dev.errand.queue.WorkerProcess;
import dev.errand.queue.internal.shard.QueueShards;
import dev.errand.queue.spi.QueueBackend;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this process's heartbeat to the backend every {@code JOBS_HEARTBEAT_INTERVAL}: who it is,
 * the queues it consumes and the jobs it runs now, so operators see every process from any of them.
 * A clean stop removes it; a killed process's heartbeat lapses after {@code JOBS_HEARTBEAT_LEASE}.
 */
final class ProcessHeartbeat {

  private static final Logger log = LoggerFactory.getLogger(ProcessHeartbeat.class);

  private final String id = UUID.randomUUID().toString();
  private final QueueBackend backend;
  private final MonitoringSettings settings;
  private final Clock clock;
  private final List<QueueWorker> workers;
  private final Instant startedAt;
  private volatile boolean failing;

  ProcessHeartbeat(
      QueueBackend backend, MonitoringSettings settings, Clock clock, List<QueueWorker> workers) {
    this.backend = backend;
    this.settings = settings;
    this.clock = clock;
    this.workers = workers;
    this.startedAt = clock.instant();
  }

  /** Beats now, then every interval on {@code timers}. */
  void start(QueueTimers timers) {
    beat();
    timers.every(this::beat, settings.heartbeatInterval().toMillis(), () -> true);
  }

  void stop() {
    try {
      backend.endHeartbeat(id);
    } catch (RuntimeException e) {
      log.debug("Could not remove this process's heartbeat; it lapses after its lease", e);
    }
  }

  void beat() {
    try {
      backend.heartbeat(snapshot(), settings.heartbeatLease());
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("Cannot write this process's heartbeat: {}", e.getMessage());
      }
      failing = true;
    }
  }

  WorkerProcess snapshot() {
    Map<String, Integer> concurrency = new LinkedHashMap<>();
    List<WorkerProcess.Running> running = new ArrayList<>();
    for (QueueWorker worker : workers) {
      String queue = QueueShards.logical(worker.queue());
      concurrency.merge(queue, worker.concurrency(), Integer::sum);
      running.addAll(worker.running(queue));
    }
    List<WorkerProcess.Consumed> queues = new ArrayList<>();
    concurrency.forEach((queue, n) -> queues.add(new WorkerProcess.Consumed(queue, n)));
    Instant now = clock.instant();
    return new WorkerProcess(
        id,
        ProcessIdentity.host(),
        ProcessIdentity.pid(),
        settings.appName(),
        startedAt,
        now,
        queues,
        running);
  }
}
