package dev.errand.queue.internal.memory;

import dev.errand.queue.Deduplication;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobState;
import dev.errand.queue.spi.JobDraft;
import java.util.HashMap;
import java.util.Map;

/**
 * One memory queue's deduplication keys, each naming the job that stands for its adds, with the
 * same rules as the Redis add script. Guarded by the queue's lock.
 */
final class MemoryDedup {

  /** The job a key names, and until when (ms) it catches duplicates; MAX_VALUE for no end. */
  private record Entry(String id, long until) {}

  private final MemoryQueue queue;
  private final Map<String, Entry> keys = new HashMap<>();

  MemoryDedup(MemoryQueue queue) {
    this.queue = queue;
  }

  /**
   * The id of the job standing for {@code draft}, which then adds nothing (a debounced job takes
   * its payload, options and due time), or null when the draft is to be stored.
   */
  String standing(JobDraft draft, long now) {
    Deduplication dedup = draft.deduplication();
    Entry entry = keys.get(dedup.key());
    if (entry == null || entry.until <= now) {
      return null;
    }
    MemoryJob job = queue.jobs.get(entry.id);
    JobState state = job == null ? null : job.state;
    switch (dedup.mode()) {
      case THROTTLE -> {}
      case WHILE_UNFINISHED -> {
        if (state != JobState.WAITING && state != JobState.DELAYED && state != JobState.ACTIVE) {
          return null;
        }
      }
      case DEBOUNCE -> {
        if (state != JobState.WAITING && state != JobState.DELAYED) {
          return null;
        }
        job.payload = draft.payload();
        job.options = draft.options();
        queue.move(job, JobState.DELAYED, draft.runAt().toEpochMilli());
        keys.put(dedup.key(), new Entry(entry.id, now + dedup.window().toMillis()));
      }
    }
    queue.signals.event(
        new JobEvent(
            JobEvent.Type.DEDUPLICATED,
            queue.name,
            entry.id,
            job == null ? draft.name() : job.name,
            0,
            "\"" + dedup.key() + "\"",
            null));
    return entry.id;
  }

  /** Job {@code id} was stored for {@code draft}: it now stands for the draft's key. */
  void stored(JobDraft draft, String id, long now) {
    Deduplication dedup = draft.deduplication();
    long until = dedup.window() == null ? Long.MAX_VALUE : now + dedup.window().toMillis();
    keys.put(dedup.key(), new Entry(id, until));
  }

  /** Job {@code job} finished: a key it stands for while unfinished is let go. */
  void finished(MemoryJob job) {
    if (job.dedupKey != null) {
      keys.remove(job.dedupKey, new Entry(job.id, Long.MAX_VALUE));
    }
  }
}
