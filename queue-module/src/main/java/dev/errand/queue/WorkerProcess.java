package dev.errand.queue;

import java.time.Instant;
import java.util.List;

/**
 * A process that consumes queues, as its last heartbeat in the backend described it. It is listed
 * until its heartbeat lease ({@code JOBS_HEARTBEAT_LEASE}) runs out, so a process killed without a
 * clean stop disappears within a lease.
 *
 * @param id a random id the process chose at start
 * @param host the host name
 * @param pid the operating-system process id
 * @param app the application's name ({@code ERRAND_APP_NAME})
 * @param startedAt when its queue layer started
 * @param lastSeen when it last wrote its heartbeat
 * @param queues the queues it consumes
 * @param running the jobs its handlers run now
 */
public record WorkerProcess(
    String id,
    String host,
    long pid,
    String app,
    Instant startedAt,
    Instant lastSeen,
    List<Consumed> queues,
    List<Running> running) {

  public WorkerProcess {
    queues = List.copyOf(queues);
    running = List.copyOf(running);
  }

  /** This process's record as last seen at {@code at}. */
  public WorkerProcess seenAt(Instant at) {
    return new WorkerProcess(id, host, pid, app, startedAt, at, queues, running);
  }

  /** A queue the process consumes, with how many of its jobs it runs at once. */
  public record Consumed(String queue, int concurrency) {}

  /** A job whose handler runs now, since {@code startedAt}. */
  public record Running(String queue, String jobId, String name, Instant startedAt) {}
}
