package dev.errand.queue;

import dev.errand.queue.internal.OptionsCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of one stored job.
 *
 * @param id the job id
 * @param queue the queue
 * @param name the job name
 * @param state its state
 * @param payload the payload as JSON
 * @param options the options the job set itself, as JSON, or null when it set none
 * @param priority its priority
 * @param attemptsMade how many runs have started
 * @param stalls how many times its lease expired while running
 * @param createdAt when it was added
 * @param startedAt when its latest run started, or null
 * @param finishedAt when it completed or failed for good, or null
 * @param progress the last progress reported, as JSON, or null
 * @param result what the handler returned, as JSON, or null
 * @param failure the last failure, or null
 * @param logs the lines the handler logged
 * @param runsAt when a delayed job (added with a delay, or waiting for its retry) falls due, else
 *     null
 * @param attempts its finished runs, oldest first, those cut off by an expired lease included
 *     (stalled); the backend keeps the last {@value #KEPT_ATTEMPTS}
 */
public record JobInfo(
    String id,
    String queue,
    String name,
    JobState state,
    String payload,
    String options,
    int priority,
    int attemptsMade,
    int stalls,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    String progress,
    String result,
    JobFailure failure,
    List<String> logs,
    Instant runsAt,
    List<JobAttempt> attempts) {

  /** How many of a job's finished runs the backends keep. */
  public static final int KEPT_ATTEMPTS = 25;

  public JobInfo {
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }

  /** A job without a due time or recorded attempts. */
  public JobInfo(
      String id,
      String queue,
      String name,
      JobState state,
      String payload,
      String options,
      int priority,
      int attemptsMade,
      int stalls,
      Instant createdAt,
      Instant startedAt,
      Instant finishedAt,
      String progress,
      String result,
      JobFailure failure,
      List<String> logs) {
    this(
        id,
        queue,
        name,
        state,
        payload,
        options,
        priority,
        attemptsMade,
        stalls,
        createdAt,
        startedAt,
        finishedAt,
        progress,
        result,
        failure,
        logs,
        null,
        List.of());
  }

  /** This job with its due time and attempts. */
  public JobInfo withHistory(Instant runsAt, List<JobAttempt> attempts) {
    return new JobInfo(
        id,
        queue,
        name,
        state,
        payload,
        options,
        priority,
        attemptsMade,
        stalls,
        createdAt,
        startedAt,
        finishedAt,
        progress,
        result,
        failure,
        logs,
        runsAt,
        attempts);
  }

  /** The job's {@link JobOptions#metadata()}, read from its stored options; empty for none. */
  public Map<String, String> metadata() {
    return OptionsCodec.metadataOf(options);
  }
}
