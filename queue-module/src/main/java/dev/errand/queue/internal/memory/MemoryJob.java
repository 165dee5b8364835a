package dev.errand.queue.internal.memory;

import dev.errand.queue.Deduplication;
import dev.errand.queue.JobAttempt;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobFailure;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import dev.errand.queue.internal.history.Attempts;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.OutcomeEvents;
import dev.errand.queue.spi.RunInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One stored job of the memory backend; its queue's lock guards every field. */
final class MemoryJob {

  final String id;
  final String name;
  String payload;
  String options;
  final int priority;
  final long waitScore;
  final long createdAt;
  final String group;

  /** The deduplication key the job stands for while unfinished, or null. */
  final String dedupKey;

  JobState state;
  int attemptsMade;
  int stalls;
  String token;
  long startedAt;
  long finishedAt;
  String progress;
  String result;
  JobFailure failure;
  final List<String> logs = new ArrayList<>();
  final List<JobAttempt> attempts = new ArrayList<>();

  /** When a delayed job falls due, in epoch milliseconds. */
  long dueAt;

  /** Job {@code id} from {@code draft}, the {@code order}th added to its queue. */
  MemoryJob(String id, JobDraft draft, long order, long createdAt) {
    this.id = id;
    this.name = draft.name();
    this.payload = draft.payload();
    this.options = draft.options();
    this.priority = draft.priority();
    // Higher priority first, then in the order added; the Redis scripts score the same way.
    this.waitScore = ((long) (JobOptions.MAX_PRIORITY - priority) << 41) + order;
    this.createdAt = createdAt;
    this.group = draft.group();
    this.dedupKey =
        draft.deduplication() != null
                && draft.deduplication().mode() == Deduplication.Mode.WHILE_UNFINISHED
            ? draft.deduplication().key()
            : null;
  }

  /**
   * Its worker's lease expired, noticed at {@code now}: keeps the cut-off run as a stalled attempt,
   * frees the job and counts the stall. Returns why the job fails, should this stall be one too
   * many; the Redis scripts say the same.
   */
  JobFailure stall(int maxStalled, long now) {
    String worker = Lease.workerOf(token);
    keep(
        Attempts.of(
            attemptsMade,
            RunInfo.cutOff(startedAt, now, worker),
            OutcomeEvents.stalledRun(worker)));
    token = null;
    stalls++;
    return OutcomeEvents.stalled(id, stalls, maxStalled);
  }

  /** Keeps the attempt {@code ack} reports, among the last {@link JobInfo#KEPT_ATTEMPTS}. */
  void attempted(Ack ack) {
    if (ack.run() == null || ack instanceof Ack.Snooze) {
      return;
    }
    JobFailure failed =
        switch (ack) {
          case Ack.Retry r -> r.failure();
          case Ack.Fail f -> f.failure();
          default -> null;
        };
    keep(Attempts.of(attemptsMade, ack.run(), failed));
  }

  private void keep(JobAttempt attempt) {
    attempts.add(attempt);
    if (attempts.size() > JobInfo.KEPT_ATTEMPTS) {
      attempts.remove(0);
    }
  }

  /** An event of this job's current attempt in {@code queue}. */
  JobEvent event(JobEvent.Type type, String queue, String data, JobFailure failure) {
    return new JobEvent(type, queue, id, name, attemptsMade, data, failure);
  }

  JobInfo info(String queue) {
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
        Instant.ofEpochMilli(createdAt),
        startedAt == 0 ? null : Instant.ofEpochMilli(startedAt),
        finishedAt == 0 ? null : Instant.ofEpochMilli(finishedAt),
        progress,
        result,
        failure,
        List.copyOf(logs),
        state == JobState.DELAYED ? Instant.ofEpochMilli(dueAt) : null,
        List.copyOf(attempts));
  }
}
