package dev.errand.queue.internal.memory;

import dev.errand.queue.JobEvent;
import dev.errand.queue.JobState;
import dev.errand.queue.RateLimit;
import dev.errand.queue.Retention;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.OutcomeEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One queue of the memory backend, with the same state machine as the Redis scripts: the calls a
 * worker makes. What operators do to the same state is in {@link MemoryAdmin}.
 */
final class MemoryQueue {

  // State MemoryAdmin shares, always under the lock.
  final String name;
  final Clock clock;
  final ReentrantLock lock = new ReentrantLock();
  final Map<String, MemoryJob> jobs = new HashMap<>();
  final Map<JobState, ScoredSet> sets = new EnumMap<>(JobState.class);
  final MemorySignals signals = new MemorySignals();
  private final Consumer<JobEvent> publish = signals::event;
  private final Consumer<String> forget = jobs::remove;
  boolean paused;

  private final MemoryLimiter limiter = new MemoryLimiter();
  private final MemoryWaits waits = new MemoryWaits(this, limiter);
  private final MemoryDedup dedup = new MemoryDedup(this);
  private final MemoryLeases leases = new MemoryLeases(this);
  final MemoryCaps caps = new MemoryCaps(this);
  private long seq;

  MemoryQueue(String name, Clock clock) {
    this.name = name;
    this.clock = clock;
    for (JobState state : JobState.values()) {
      sets.put(state, new ScoredSet());
    }
  }

  /** Whether a job was ever stored here (a queue only looked at, or consumed, was not). */
  boolean everAdded() {
    return seq > 0;
  }

  List<String> add(List<JobDraft> drafts) {
    lock.lock();
    try {
      long now = clock.millis();
      List<String> ids = new ArrayList<>();
      for (JobDraft draft : drafts) {
        if (draft.jobId() != null && jobs.containsKey(draft.jobId())) {
          ids.add(draft.jobId());
          continue;
        }
        String standing = draft.deduplication() == null ? null : dedup.standing(draft, now);
        if (standing != null) {
          ids.add(standing);
          continue;
        }
        long order = ++seq;
        String id = draft.jobId() != null ? draft.jobId() : Long.toString(order);
        MemoryJob job = new MemoryJob(id, draft, order, now);
        jobs.put(id, job);
        Instant runAt = draft.runAt();
        if (runAt != null && runAt.toEpochMilli() > now) {
          move(job, JobState.DELAYED, runAt.toEpochMilli());
        } else {
          move(job, JobState.WAITING, job.waitScore);
        }
        ids.add(id);
        if (draft.deduplication() != null) {
          dedup.stored(draft, id, now);
        }
      }
      waits.signal();
      return ids;
    } finally {
      lock.unlock();
      signals.flush();
    }
  }

  Fetched fetch(Lease lease, int max) {
    String token = lease.token();
    int maxStalled = lease.maxStalled();
    lock.lock();
    try {
      List<JobEvent> noticed = new ArrayList<>();
      long now = clock.millis();
      for (String id : sets.get(JobState.DELAYED).popUpTo(now)) {
        MemoryJob job = jobs.get(id);
        move(job, JobState.WAITING, job.waitScore);
      }
      leases.recoverExpired(now, maxStalled, noticed);
      noticed.forEach(signals::event);
      int allowed = paused ? 0 : caps.allowance(limiter.allowance(now, max));
      List<LeasedJob> leased = leases.lease(lease, allowed, now, limiter, caps);
      Long next = waits.nextDue(now, leased.size() < max);
      return new Fetched(
          leased, next == null ? null : Instant.ofEpochMilli(next), Set.of(), noticed);
    } finally {
      lock.unlock();
      signals.flush();
    }
  }

  void awaitJobs(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      waits.await(timeout);
    } finally {
      lock.unlock();
    }
  }

  Set<String> renew(String token, Collection<String> ids, Duration lease) {
    lock.lock();
    try {
      return leases.renew(token, ids, clock.millis() + lease.toMillis());
    } finally {
      lock.unlock();
    }
  }

  Set<String> acknowledge(String token, List<Ack> acks) {
    lock.lock();
    try {
      long now = clock.millis();
      Set<String> refused = new HashSet<>();
      boolean ready = false;
      for (Ack ack : acks) {
        MemoryJob job = held(ack.id(), token);
        if (job == null) {
          refused.add(ack.id());
          continue;
        }
        job.token = null;
        caps.left(job);
        ready |= caps.any();
        OutcomeEvents.emit(name, job.name, job.attemptsMade, ack, publish);
        job.attempted(ack);
        switch (ack) {
          case Ack.Complete c -> {
            job.result = c.result();
            finish(job, JobState.COMPLETED, now, c.retention());
          }
          case Ack.Retry r -> {
            job.failure = r.failure();
            putBack(job, r.runAt(), now);
            // Delayed too: an idle worker must learn when it falls due.
            ready = true;
          }
          case Ack.Fail f -> {
            job.failure = f.failure();
            finish(job, f.dead() ? JobState.DEAD : JobState.FAILED, now, f.retention());
          }
          case Ack.Snooze s -> {
            job.attemptsMade--;
            putBack(job, s.runAt(), now);
            ready = true;
          }
        }
      }
      if (ready) {
        waits.signal();
      }
      return refused;
    } finally {
      lock.unlock();
      signals.flush();
    }
  }

  void release(String token, Collection<String> ids) {
    lock.lock();
    try {
      for (String id : ids) {
        MemoryJob job = held(id, token);
        if (job != null) {
          job.token = null;
          caps.left(job);
          job.attemptsMade--;
          move(job, JobState.WAITING, job.waitScore);
        }
      }
      waits.signal();
    } finally {
      lock.unlock();
    }
  }

  void progress(String token, String id, String json) {
    lock.lock();
    try {
      MemoryJob job = held(id, token);
      if (job != null) {
        job.progress = json;
        signals.event(job.event(JobEvent.Type.PROGRESS, name, json, null));
      }
    } finally {
      lock.unlock();
      signals.flush();
    }
  }

  void log(String id, String line) {
    lock.lock();
    try {
      MemoryJob job = jobs.get(id);
      if (job != null) {
        job.logs.add(line);
      }
    } finally {
      lock.unlock();
    }
  }

  void rateLimits(RateLimit perQueue, RateLimit perGroup) {
    underLock(() -> limiter.configure(perQueue, perGroup));
  }

  void concurrencyCaps(int maxRunning, int groupMaxRunning) {
    underLock(() -> caps.configure(maxRunning, groupMaxRunning));
  }

  private void underLock(Runnable change) {
    lock.lock();
    try {
      change.run();
    } finally {
      lock.unlock();
    }
  }

  MemoryJob held(String id, String token) {
    MemoryJob job = jobs.get(id);
    return job != null && job.state == JobState.ACTIVE && token.equals(job.token) ? job : null;
  }

  /** Tells blocked workers the queue may have work. Call under the lock. */
  void wake() {
    waits.signal();
  }

  void move(MemoryJob job, JobState to, long score) {
    if (job.state != null) {
      sets.get(job.state).remove(job.id);
    }
    job.state = to;
    job.dueAt = score;
    sets.get(to).put(job.id, score);
  }

  /** Back in line at {@code runAt}: delayed until then, or waiting when it is due. */
  private void putBack(MemoryJob job, Instant runAt, long now) {
    long at = runAt.toEpochMilli();
    if (at > now) {
      move(job, JobState.DELAYED, at);
    } else {
      move(job, JobState.WAITING, job.waitScore);
    }
  }

  /** A job that leaves for good (completed, failed or dead) lets go of its deduplication key. */
  void finished(MemoryJob job) {
    dedup.finished(job);
  }

  private void finish(MemoryJob job, JobState state, long now, Retention retention) {
    job.finishedAt = now;
    finished(job);
    if (retention.keepsNothing()) {
      sets.get(job.state).remove(job.id);
      jobs.remove(job.id);
      return;
    }
    move(job, state, now);
    sets.get(state).trim(retention, now, forget);
  }
}
