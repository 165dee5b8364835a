package dev.errand.testing.internal;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.JobType;
import dev.errand.queue.QueueAdmin;
import dev.errand.testing.EnqueuedJob;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Reads the jobs that have not run yet, and asserts on them with messages that list them. */
public final class EnqueuedJobs {

  private static final int PAGE = 500;

  private final KitBackend backend;
  private final QueueAdmin admin;

  public EnqueuedJobs(KitBackend backend) {
    this.backend = backend;
    this.admin = backend.admin();
  }

  /**
   * The jobs of {@code type} waiting or delayed: the waiting ones in the order they will run, then
   * the delayed ones by run time.
   */
  public <T> List<EnqueuedJob<T>> of(JobType<T> type) {
    List<EnqueuedJob<T>> waiting = new ArrayList<>();
    List<EnqueuedJob<T>> delayed = new ArrayList<>();
    for (JobState state : List.of(JobState.WAITING, JobState.DELAYED)) {
      for (JobInfo info : all(type.queue(), state)) {
        if (info.name().equals(type.name())) {
          (state == JobState.WAITING ? waiting : delayed).add(job(info, type.payloadType()));
        }
      }
    }
    delayed.sort(Comparator.comparing(EnqueuedJob<T>::runAt));
    waiting.addAll(delayed);
    return waiting;
  }

  public <T> EnqueuedJob<T> assertEnqueued(JobType<T> type, Predicate<? super T> matching) {
    List<EnqueuedJob<T>> jobs = of(type);
    return jobs.stream()
        .filter(job -> matching.test(job.payload()))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "Expected a job "
                        + describe(type)
                        + " with a matching payload to be enqueued, but "
                        + (jobs.isEmpty()
                            ? "none is"
                            : "none of the "
                                + jobs.size()
                                + " enqueued matches: "
                                + payloads(jobs))));
  }

  public void assertCount(JobType<?> type, int expected) {
    List<? extends EnqueuedJob<?>> jobs = of(type);
    if (jobs.size() != expected) {
      throw new AssertionError(
          "Expected " + expected + " job(s) " + describe(type) + " enqueued, but " + listed(jobs));
    }
  }

  public <T> void assertNotEnqueued(JobType<T> type, Predicate<? super T> matching) {
    List<EnqueuedJob<T>> found =
        of(type).stream().filter(job -> matching.test(job.payload())).toList();
    if (!found.isEmpty()) {
      throw new AssertionError(
          "Expected no job " + describe(type) + " like this to be enqueued, but " + listed(found));
    }
  }

  public void assertNothingEnqueued() {
    List<String> found = new ArrayList<>();
    for (String queue : backend.queues()) {
      for (JobState state : List.of(JobState.WAITING, JobState.DELAYED)) {
        all(queue, state).forEach(i -> found.add(queue + "/" + i.name() + " " + i.payload()));
      }
    }
    if (!found.isEmpty()) {
      throw new AssertionError(
          "Expected no job enqueued, but found " + found.size() + ": " + found);
    }
  }

  private List<JobInfo> all(String queue, JobState state) {
    List<JobInfo> all = new ArrayList<>();
    List<JobInfo> page;
    do {
      page = admin.jobs(queue, state, all.size(), PAGE);
      all.addAll(page);
    } while (page.size() == PAGE);
    return all;
  }

  private <T> EnqueuedJob<T> job(JobInfo info, Class<T> type) {
    return new EnqueuedJob<>(
        info.id(),
        info.queue(),
        info.name(),
        KitJson.read(info.payload(), type),
        info.state(),
        info.priority(),
        info.createdAt(),
        backend.runAt(info.queue(), info.id()).orElse(info.createdAt()));
  }

  private static String describe(JobType<?> type) {
    return "'" + type.name() + "' (queue '" + type.queue() + "')";
  }

  private static String listed(List<? extends EnqueuedJob<?>> jobs) {
    return switch (jobs.size()) {
      case 0 -> "none is";
      case 1 -> "1 is: " + payloads(jobs);
      default -> jobs.size() + " are: " + payloads(jobs);
    };
  }

  private static String payloads(List<? extends EnqueuedJob<?>> jobs) {
    return jobs.stream().map(j -> String.valueOf(j.payload())).collect(Collectors.joining(", "));
  }
}
