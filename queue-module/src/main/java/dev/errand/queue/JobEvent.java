package dev.errand.queue;

import java.util.Objects;

/**
 * Something that happened to a job, as {@link JobListener}s and {@link QueueEvents} subscribers see
 * it.
 *
 * @param type what happened
 * @param queue the job's queue
 * @param id the job's id
 * @param name the job's name, or null when the backend no longer knew it
 * @param attempt the run it concerns, from 1 (0 when unknown)
 * @param data what the handler returned ({@link Type#COMPLETED}) or reported ({@link
 *     Type#PROGRESS}) as JSON, or null
 * @param failure why the run failed ({@link Type#FAILED}, {@link Type#RETRYING}, {@link Type#DEAD},
 *     {@link Type#STALLED}), or null
 */
public record JobEvent(
    Type type, String queue, String id, String name, int attempt, String data, JobFailure failure) {

  /** The kinds of event. */
  public enum Type {
    /** A run succeeded; {@link #data()} holds its result. */
    COMPLETED,
    /**
     * The job failed for good: an unrecoverable error, or its attempts ran out (then also DEAD).
     */
    FAILED,
    /** A run failed and the job runs again after its backoff. */
    RETRYING,
    /** A running job reported progress; {@link #data()} holds it. */
    PROGRESS,
    /** A job's lease expired while it ran (its worker died or hung); it runs again. */
    STALLED,
    /** The job joined the dead-letter list. */
    DEAD,
    /**
     * The handler snoozed the job ({@link JobContext#snooze}): it runs again later, the run not
     * counted as an attempt.
     */
    SNOOZED,
    /**
     * An add was deduplicated ({@link JobOptions#deduplication()}): nothing new was stored, and
     * this is the job standing for it; {@link #data()} holds the key as a JSON string.
     */
    DEDUPLICATED
  }

  public JobEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(id, "id");
  }

  /** Whether this event ends the job: completed, or failed or dead without a retry. */
  public boolean isFinal() {
    return type == Type.COMPLETED || type == Type.FAILED || type == Type.DEAD;
  }
}
