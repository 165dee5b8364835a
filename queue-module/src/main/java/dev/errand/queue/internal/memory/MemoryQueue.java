package dev.errand.queue.internal.memory;

import dev.errand.queue.JobEvent;
import dev.errand.queue.JobFailure;
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
  private long seq;

  MemoryQueue(String name, Clock clock) {
    this.name = name;
    this.clock = clock;
    for (JobState state : JobState.values()) {
      sets.put(state, new ScoredSet());
    }
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
      }
      waits.signal();
      return ids;
    } finally {
      lock.unlock();
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
      for (String id : sets.get(JobState.ACTIVE).popUpTo(now - 1)) {
        MemoryJob job = jobs.get(id);
        JobFailure stalled = job.stall(maxStalled);
        noticed.add(job.event(JobEvent.Type.STALLED, name, null, stalled));
        if (job.stalls > maxStalled) {
          job.failure = stalled;
          job.finishedAt = now;
          move(job, JobState.DEAD, now);
          OutcomeEvents.died(name, job.id, job.name, job.attemptsMade, stalled, noticed::add);
        } else {
          move(job, JobState.WAITING, job.waitScore);
        }
      }
      noticed.forEach(signals::event);
      List<LeasedJob> leased = new ArrayList<>();
      int allowed = paused ? 0 : limiter.allowance(now, max);
      while (leased.size() < allowed) {
        List<String> next = sets.get(JobState.WAITING).popFirst(1);
        if (next.isEmpty()) {
          break;
        }
        String id = next.get(0);
        MemoryJob job = jobs.get(id);
        long groupWait = limiter.takeGroup(job.group, now);
        if (groupWait > 0) {
          move(job, JobState.DELAYED, groupWait);
          continue;
        }
        limiter.took(now);
        job.token = token;
        job.attemptsMade++;
        job.startedAt = now;
        move(job, JobState.ACTIVE, now + lease.duration().toMillis());
        leased.add(new LeasedJob(id, job.name, job.payload, job.options, job.attemptsMade));
      }
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
      long deadline = clock.millis() + lease.toMillis();
      Set<String> lost = new HashSet<>();
      for (String id : ids) {
        MemoryJob job = held(id, token);
        if (job == null) {
          lost.add(id);
        } else {
          sets.get(JobState.ACTIVE).put(id, deadline);
        }
      }
      return lost;
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
        OutcomeEvents.emit(name, job.name, job.attemptsMade, ack, publish);
        switch (ack) {
          case Ack.Complete c -> {
            job.result = c.result();
            finish(job, JobState.COMPLETED, now, c.retention());
          }
          case Ack.Retry r -> {
            job.failure = r.failure();
            long at = r.runAt().toEpochMilli();
            if (at > now) {
              move(job, JobState.DELAYED, at);
            } else {
              move(job, JobState.WAITING, job.waitScore);
            }
            // Delayed too: an idle worker must learn when it falls due.
            ready = true;
          }
          case Ack.Fail f -> {
            job.failure = f.failure();
            finish(job, f.dead() ? JobState.DEAD : JobState.FAILED, now, f.retention());
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
    lock.lock();
    try {
      limiter.configure(perQueue, perGroup);
    } finally {
      lock.unlock();
    }
  }

  private MemoryJob held(String id, String token) {
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
    sets.get(to).put(job.id, score);
  }

  private void finish(MemoryJob job, JobState state, long now, Retention retention) {
    job.finishedAt = now;
    if (retention.keepsNothing()) {
      sets.get(job.state).remove(job.id);
      jobs.remove(job.id);
      return;
    }
    move(job, state, now);
    sets.get(state).trim(retention, now, forget);
  }
}
