package dev.errand.queue.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.internal.shard.QueueShards;
import dev.errand.queue.internal.shard.ShardWorkers;
import dev.errand.queue.internal.workflow.WorkflowSweeper;
import dev.errand.queue.spi.QueueBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The workers of one process: one per consumed queue, or per shard of a sharded one, with each
 * queue's metrics and meters, the process heartbeat, and the workflow sweep. {@link QueueRuntime}
 * starts it once the backend is built, and stops it before closing the backend.
 *
 * <p>It owns the {@link QueueTimers} all its workers share; the workers' own loops are virtual
 * threads, so the threads a process spends do not grow with the queues it consumes.
 */
final class WorkerFleet {

  private final QueueRuntime.Config config;
  private final ObjectMapper mapper;
  private final EventHub events;
  private final Interceptors interceptors;
  private final Map<String, QueueMetricsRecorder> metrics;
  private final List<QueueWorker> workers = new CopyOnWriteArrayList<>();
  private final List<Runnable> unregister = new CopyOnWriteArrayList<>();
  private volatile QueueTimers timers;
  private volatile ProcessHeartbeat heartbeat;

  /** {@code metrics} is filled with each started queue's recorder, for the admin to read. */
  WorkerFleet(
      QueueRuntime.Config config,
      ObjectMapper mapper,
      EventHub events,
      Interceptors interceptors,
      Map<String, QueueMetricsRecorder> metrics) {
    this.config = config;
    this.mapper = mapper;
    this.events = events;
    this.interceptors = interceptors;
    this.metrics = metrics;
  }

  /**
   * Starts a worker for each queue {@code registry} has handlers for (one per shard), on {@code
   * backend}; {@code rawBackend} is the backend under the wrappers, which limits are set on.
   */
  void start(
      Injector injector,
      HandlerRegistry registry,
      QueueBackend backend,
      QueueBackend rawBackend,
      QueueShards shards) {
    BackoffCalculator backoff = new BackoffCalculator(config.strategies());
    boolean meters = OptionalLibraries.micrometer();
    QueueSettings settings = config.settings();
    QueueTimers shared = new QueueTimers();
    timers = shared;
    for (String queue : registry.queues()) {
      QueueMetricsRecorder recorder = new QueueMetricsRecorder(queue, config.clock());
      List<ShardWorkers.Planned> planned =
          QueueLimits.apply(queue, config, shards, backend, rawBackend);
      List<QueueWorker> ofQueue = new ArrayList<>();
      for (ShardWorkers.Planned plan : planned) {
        ofQueue.add(
            new QueueWorker(
                new WorkerContext(
                    plan.physicalQueue(),
                    registry.table(queue),
                    backend,
                    plan.config(),
                    mapper,
                    backoff,
                    config.clock(),
                    events,
                    recorder,
                    shared,
                    interceptors)));
      }
      recorder.inFlight(() -> ofQueue.stream().mapToInt(QueueWorker::inFlight).sum());
      metrics.put(queue, recorder);
      if (meters) {
        unregister.add(QueueMeters.register(injector, recorder, queue));
      }
      workers.addAll(ofQueue);
      ofQueue.forEach(QueueWorker::start);
    }
    if (!workers.isEmpty()) {
      heartbeat = new ProcessHeartbeat(backend, settings.monitoring(), config.clock(), workers);
      heartbeat.start(shared);
    }
    WorkflowSweeper.of(backend, config.clock(), settings.workflowRetention())
        .ifPresent(s -> shared.every(s::sweep, WorkflowSweeper.PERIOD.toMillis(), () -> true));
  }

  /**
   * Stops every worker fetching at once, then gives their running jobs until {@code deadlineNanos}
   * ({@link System#nanoTime}), then stops the timers and the heartbeat and removes the meters.
   */
  void stop(long deadlineNanos) throws InterruptedException {
    workers.forEach(QueueWorker::stopFetching);
    for (QueueWorker worker : workers) {
      worker.awaitStop(deadlineNanos);
    }
    workers.clear();
    QueueTimers t = timers;
    if (t != null) {
      t.close();
      timers = null;
    }
    ProcessHeartbeat beat = heartbeat;
    if (beat != null) {
      beat.stop();
      heartbeat = null;
    }
    unregister.forEach(Runnable::run);
    unregister.clear();
  }

  /** The workers running. */
  int size() {
    return workers.size();
  }
}
