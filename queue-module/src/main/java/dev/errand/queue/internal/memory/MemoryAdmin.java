package dev.errand.queue.internal.memory;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobSearch;
import dev.errand.queue.JobState;
import dev.errand.queue.MinuteStats;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueCounts;
import dev.errand.queue.WorkerProcess;
import dev.errand.queue.internal.history.PayloadMatch;
import dev.errand.queue.spi.FinishedStates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** What operators do to the memory backend's queues, over the state their workers use. */
final class MemoryAdmin implements QueueAdmin {

  private final Function<String, MemoryQueue> queues;
  private final Supplier<Collection<MemoryQueue>> all;
  private final MemoryHistory history;
  private final MemoryProcesses processes;

  MemoryAdmin(
      Function<String, MemoryQueue> queues,
      Supplier<Collection<MemoryQueue>> all,
      MemoryHistory history,
      MemoryProcesses processes) {
    this.queues = queues;
    this.all = all;
    this.history = history;
    this.processes = processes;
  }

  @Override
  public List<MinuteStats> history(String queue, Instant from, Instant to) {
    return history.read(queue, from, to);
  }

  @Override
  public List<WorkerProcess> processes() {
    return processes.alive();
  }

  /** Looks through every job of the state (or of every state): memory has no bound to keep. */
  @Override
  public JobSearch search(String queue, String text, JobState state, int limit) {
    PayloadMatch match = new PayloadMatch(text, limit);
    return locked(
        queue,
        q -> {
          for (JobState s : PayloadMatch.states(state)) {
            ScoredSet set = q.sets.get(s);
            List<String> ids =
                s == JobState.WAITING
                    ? set.ascending(0, set.size())
                    : set.descending(0, set.size());
            for (String id : ids) {
              MemoryJob job = q.jobs.get(id);
              if (!match.offer(job.payload, () -> job.info(q.name))) {
                return match.result(false);
              }
            }
          }
          return match.result(true);
        });
  }

  @Override
  public List<String> queues() {
    List<String> names = new ArrayList<>();
    for (MemoryQueue q : all.get()) {
      if (locked(q.name, MemoryQueue::everAdded)) {
        names.add(q.name);
      }
    }
    return names.stream().sorted().toList();
  }

  @Override
  public QueueCounts counts(String queue) {
    return locked(
        queue,
        q ->
            new QueueCounts(
                q.sets.get(JobState.WAITING).size(),
                q.sets.get(JobState.DELAYED).size(),
                q.sets.get(JobState.ACTIVE).size(),
                q.sets.get(JobState.COMPLETED).size(),
                q.sets.get(JobState.FAILED).size(),
                q.sets.get(JobState.DEAD).size(),
                q.paused));
  }

  @Override
  public Optional<JobInfo> job(String queue, String id) {
    return locked(queue, q -> Optional.ofNullable(q.jobs.get(id)).map(job -> job.info(q.name)));
  }

  @Override
  public List<JobInfo> jobs(String queue, JobState state, int offset, int limit) {
    return locked(
        queue,
        q -> {
          ScoredSet set = q.sets.get(state);
          List<String> ids =
              state == JobState.WAITING
                  ? set.ascending(offset, limit)
                  : set.descending(offset, limit);
          return ids.stream().map(id -> q.jobs.get(id).info(q.name)).toList();
        });
  }

  @Override
  public boolean retry(String queue, String id) {
    return locked(queue, q -> requeue(q, q.jobs.get(id)));
  }

  @Override
  public long retryAll(String queue) {
    return locked(
        queue,
        q -> {
          long moved = 0;
          for (JobState state : List.of(JobState.FAILED, JobState.DEAD)) {
            for (String id : q.sets.get(state).ascending(0, Integer.MAX_VALUE)) {
              moved += requeue(q, q.jobs.get(id)) ? 1 : 0;
            }
          }
          return moved;
        });
  }

  @Override
  public boolean remove(String queue, String id) {
    return locked(
        queue,
        q -> {
          MemoryJob job = q.jobs.get(id);
          if (job == null || job.state == JobState.ACTIVE) {
            return false;
          }
          q.sets.get(job.state).remove(id);
          q.jobs.remove(id);
          return true;
        });
  }

  @Override
  public boolean promote(String queue, String id) {
    return locked(
        queue,
        q -> {
          MemoryJob job = q.jobs.get(id);
          if (job == null || job.state != JobState.DELAYED) {
            return false;
          }
          q.move(job, JobState.WAITING, job.waitScore);
          q.wake();
          return true;
        });
  }

  @Override
  public long clean(String queue, JobState state, Duration olderThan) {
    JobState finished = FinishedStates.check(state);
    return locked(
        queue,
        q ->
            deleteAll(
                q, q.sets.get(finished).popUpTo(q.clock.millis() - olderThan.toMillis() - 1)));
  }

  @Override
  public long trim(String queue, JobState state, long keep) {
    JobState finished = FinishedStates.check(state);
    return locked(
        queue,
        q -> {
          ScoredSet set = q.sets.get(finished);
          long excess = set.size() - Math.max(0, keep);
          return excess > 0 ? deleteAll(q, set.popFirst((int) excess)) : 0L;
        });
  }

  @Override
  public long drain(String queue) {
    return drain(queue, "", ids -> {});
  }

  /** {@link #drain(String)}, handing {@code drained} the deleted ids that start with the prefix. */
  long drain(String queue, String idPrefix, Consumer<List<String>> drained) {
    List<String> deleted =
        locked(
            queue,
            q -> {
              List<String> ids = q.sets.get(JobState.WAITING).popFirst(Integer.MAX_VALUE);
              deleteAll(q, ids);
              return ids;
            });
    List<String> matching = deleted.stream().filter(id -> id.startsWith(idPrefix)).toList();
    if (!matching.isEmpty()) {
      drained.accept(matching);
    }
    return deleted.size();
  }

  @Override
  public void pause(String queue) {
    paused(queue, true);
  }

  @Override
  public void resume(String queue) {
    paused(queue, false);
  }

  @Override
  public boolean cancel(String queue, String id) {
    boolean active =
        locked(
            queue,
            q -> {
              MemoryJob job = q.jobs.get(id);
              return job != null && job.state == JobState.ACTIVE;
            });
    // The signal goes out after the lock is released: listeners may call back into the queue.
    if (active) {
      queues.apply(queue).signals.cancel(id);
    }
    return active;
  }

  private void paused(String queue, boolean paused) {
    locked(
        queue,
        q -> {
          q.paused = paused;
          q.wake();
          return null;
        });
  }

  private static boolean requeue(MemoryQueue q, MemoryJob job) {
    if (job == null || (job.state != JobState.FAILED && job.state != JobState.DEAD)) {
      return false;
    }
    job.attemptsMade = 0;
    job.stalls = 0;
    job.failure = null;
    job.finishedAt = 0;
    q.move(job, JobState.WAITING, job.waitScore);
    q.wake();
    return true;
  }

  private static long deleteAll(MemoryQueue q, List<String> ids) {
    ids.forEach(q.jobs::remove);
    return ids.size();
  }

  private <T> T locked(String queue, Function<MemoryQueue, T> action) {
    MemoryQueue q = queues.apply(queue);
    q.lock.lock();
    try {
      return action.apply(q);
    } finally {
      q.lock.unlock();
    }
  }
}
