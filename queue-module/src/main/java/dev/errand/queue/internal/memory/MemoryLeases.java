package dev.errand.queue.internal.memory;

import dev.errand.queue.JobEvent;
import dev.errand.queue.JobFailure;
import dev.errand.queue.JobState;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.OutcomeEvents;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One memory queue's leases: renewing them, and taking back the jobs whose lease expired, as the
 * Redis scripts do. Called under the queue's lock.
 */
final class MemoryLeases {

  private final MemoryQueue queue;

  MemoryLeases(MemoryQueue queue) {
    this.queue = queue;
  }

  /**
   * Leases up to {@code allowed} waiting jobs on {@code lease}'s terms, within the group rate
   * limits and caps; a job over either waits, delayed.
   */
  List<LeasedJob> lease(
      Lease lease, int allowed, long now, MemoryLimiter limiter, MemoryCaps caps) {
    List<LeasedJob> leased = new ArrayList<>();
    while (leased.size() < allowed) {
      List<String> next = queue.sets.get(JobState.WAITING).popFirst(1);
      if (next.isEmpty()) {
        break;
      }
      MemoryJob job = queue.jobs.get(next.get(0));
      if (caps.parkIfFull(job, now)) {
        continue;
      }
      long groupWait = limiter.takeGroup(job.group, now);
      if (groupWait > 0) {
        queue.move(job, JobState.DELAYED, groupWait);
        continue;
      }
      limiter.took(now);
      job.token = lease.token();
      job.attemptsMade++;
      job.startedAt = now;
      queue.move(job, JobState.ACTIVE, now + lease.duration().toMillis());
      leased.add(new LeasedJob(job.id, job.name, job.payload, job.options, job.attemptsMade));
    }
    return leased;
  }

  /** Extends to {@code deadline} the leases {@code token} holds; returns the ids it lost. */
  Set<String> renew(String token, Collection<String> ids, long deadline) {
    Set<String> lost = new HashSet<>();
    for (String id : ids) {
      if (queue.held(id, token) == null) {
        lost.add(id);
      } else {
        queue.sets.get(JobState.ACTIVE).put(id, deadline);
      }
    }
    return lost;
  }

  /**
   * Jobs whose lease expired before {@code now} go back to waiting, or to dead once they stalled
   * more than {@code maxStalled} times; their events go to {@code noticed}.
   */
  void recoverExpired(long now, int maxStalled, List<JobEvent> noticed) {
    String name = queue.name;
    for (String id : queue.sets.get(JobState.ACTIVE).popUpTo(now - 1)) {
      MemoryJob job = queue.jobs.get(id);
      queue.caps.left(job);
      JobFailure stalled = job.stall(maxStalled, now);
      noticed.add(job.event(JobEvent.Type.STALLED, name, null, stalled));
      if (job.stalls > maxStalled) {
        job.failure = stalled;
        job.finishedAt = now;
        queue.move(job, JobState.DEAD, now);
        queue.finished(job);
        OutcomeEvents.died(name, job.id, job.name, job.attemptsMade, stalled, noticed::add);
      } else {
        queue.move(job, JobState.WAITING, job.waitScore);
      }
    }
  }
}
