package dev.errand.queue.internal.memory;

import dev.errand.queue.JobFailure;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One stored job of the memory backend; its queue's lock guards every field. */
final class MemoryJob {

  final String id;
  final String name;
  final String payload;
  final String options;
  final int priority;
  final long waitScore;
  final long createdAt;
  final String group;
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

  MemoryJob(
      String id,
      String name,
      String payload,
      String options,
      int priority,
      long waitScore,
      long createdAt,
      String group) {
    this.group = group;
    this.id = id;
    this.name = name;
    this.payload = payload;
    this.options = options;
    this.priority = priority;
    this.waitScore = waitScore;
    this.createdAt = createdAt;
  }

  /** Why the job died after too many lease expiries; the Redis scripts say the same. */
  JobFailure stalledFailure(int maxStalled) {
    return new JobFailure(
        "Stalled",
        "Job "
            + id
            + " lost its worker's lease "
            + stalls
            + " times (more than JOBS_MAX_STALLED="
            + maxStalled
            + "): its worker died or hung while running it",
        "");
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
        List.copyOf(logs));
  }
}
