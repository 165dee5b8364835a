package dev.errand.queue.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.queue.spi.QueueBackend;
import java.time.Clock;

/**
 * What one queue's worker is built from; each of its parts takes what it needs from here.
 *
 * @param queue the queue the worker consumes
 * @param table the queue's handlers
 * @param backend where its jobs are stored and leased
 * @param config what the worker runs by
 * @param mapper reads payloads and writes results
 * @param backoff retry delays, with the named custom strategies
 * @param clock the time that decides retries and delays, as the backend sees it
 * @param events this process's listeners
 * @param metrics the queue's counts and handler times in this process
 * @param timers the process's timer, shared by every worker
 * @param interceptors the code around each handler run
 */
record WorkerContext(
    String queue,
    HandlerTable table,
    QueueBackend backend,
    WorkerConfig config,
    ObjectMapper mapper,
    BackoffCalculator backoff,
    Clock clock,
    EventHub events,
    QueueMetricsRecorder metrics,
    QueueTimers timers,
    Interceptors interceptors) {}
