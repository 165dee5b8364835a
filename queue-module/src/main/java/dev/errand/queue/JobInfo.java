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
    List<String> logs) {

  /** The job's {@link JobOptions#metadata()}, read from its stored options; empty for none. */
  public Map<String, String> metadata() {
    return OptionsCodec.metadataOf(options);
  }
}
