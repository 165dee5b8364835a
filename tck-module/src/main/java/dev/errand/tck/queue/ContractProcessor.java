package dev.errand.tck.queue;

import com.google.inject.Inject;
import dev.errand.queue.Dependencies;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobType;
import dev.errand.queue.Process;
import dev.errand.queue.UnrecoverableJobException;
import dev.errand.queue.WorkflowService;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The processor the queue suites run on the {@code contract} queue; each {@link Work} steers it.
 */
@Job("contract")
public final class ContractProcessor {

  public static final JobType<Work> WORK = JobType.of("contract", "work", Work.class);
  public static final JobType<Work> REPORT = JobType.of("contract", "report", Work.class);
  public static final JobType<Work> GATHER = JobType.of("contract", "gather", Work.class);
  public static final JobType<Work> GROW = JobType.of("contract", "grow", Work.class);
  public static final JobType<Work> CHECKPOINTED =
      JobType.of("contract", "checkpointed", Work.class);

  public static final JobType<Nap> NAP = JobType.of("contract", "nap", Nap.class);

  /** A payload with a number, for the payload-mismatch test. */
  public record Count(int value) {}

  /**
   * A job that snoozes for {@code millis} on each of its first {@code times} runs, then finishes.
   */
  public record Nap(String key, int times, long millis) {}

  private final Recorder recorder;
  private final WorkflowService workflows;

  @Inject
  ContractProcessor(Recorder recorder, WorkflowService workflows) {
    this.recorder = recorder;
    this.workflows = workflows;
  }

  @Process("work")
  String work(Work work, JobContext job) throws InterruptedException {
    recorder.started(job.name(), job.id(), work.key(), job.attempt());
    recorder.metadata.put(job.id(), job.metadata());
    try {
      if (work.gate()) {
        recorder.gate.await();
      }
      if (work.stubborn()) {
        sleepIgnoringInterrupts(work.sleepMillis());
      } else if (work.sleepMillis() > 0) {
        Thread.sleep(work.sleepMillis());
      }
    } catch (InterruptedException e) {
      recorder.interrupted.add(work.key());
      throw e;
    }
    if (work.unrecoverable()) {
      throw new UnrecoverableJobException("cannot ever work: " + work.key());
    }
    if (job.attempt() < work.failUntilAttempt()) {
      throw new IllegalStateException("failing attempt " + job.attempt() + " of " + work.key());
    }
    if (work.failUnlessHealed() && !recorder.healed.get()) {
      throw new IllegalStateException("still broken: " + work.key());
    }
    recorder.finished.add(work.key());
    return "done-" + work.key();
  }

  private static void sleepIgnoringInterrupts(long millis) {
    long until = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < until) {
      try {
        Thread.sleep(Math.max(1, until - System.currentTimeMillis()));
      } catch (InterruptedException ignored) {
        // This handler deliberately ignores interruption.
      }
    }
  }

  /** A workflow step that records its dependencies' results and passed-on failures. */
  @Process("gather")
  String gather(Work work, JobContext job) throws InterruptedException {
    recorder.gathered.put(work.key(), job.dependencies().results(String.class));
    recorder.passedFailures.put(work.key(), job.dependencies().failures());
    Dependencies.Counts counts = job.dependencies().counts();
    recorder.counts.put(work.key(), List.of(counts.total(), counts.completed(), counts.failed()));
    return work(work, job);
  }

  /**
   * Three checkpointed steps, failing between the second and third until {@link
   * Work#failUntilAttempt()}.
   */
  @Process("checkpointed")
  String checkpointed(Work work, JobContext job) throws Exception {
    recorder.started(job.name(), job.id(), work.key(), job.attempt());
    String first =
        job.step(
            "one",
            String.class,
            () -> {
              recorder.stepRuns.add(work.key() + ":one");
              return "first-" + job.attempt();
            });
    job.step("two", () -> recorder.stepRuns.add(work.key() + ":two"));
    if (job.attempt() < work.failUntilAttempt()) {
      throw new IllegalStateException("failing between steps on attempt " + job.attempt());
    }
    String third =
        job.step(
            "three",
            String.class,
            () -> {
              recorder.stepRuns.add(work.key() + ":three");
              return "third-" + job.attempt();
            });
    recorder.finished.add(work.key());
    return first + "," + third;
  }

  /** A batch's job that adds two more jobs to its own batch, then works. */
  @Process("grow")
  String grow(Work work, JobContext job) throws InterruptedException {
    String batch = job.dependencies().workflowId().orElseThrow();
    for (int i = 1; i <= 2; i++) {
      workflows.addToBatch(
          batch, work.key() + "-grown-" + i, WORK, Work.plain(work.key() + "-" + i));
    }
    return work(work, job);
  }

  @Process("count")
  void count(Count count, JobContext job) {
    recorder.started(job.name(), job.id(), "count-" + count.value(), job.attempt());
    recorder.finished.add("count-" + count.value());
  }

  @Process("report")
  void report(Work work, JobContext job) {
    recorder.started(job.name(), job.id(), work.key(), job.attempt());
    job.progress(50);
    job.log("halfway through " + work.key());
    job.progress(Map.of("step", "done"));
    recorder.finished.add(work.key());
  }

  @Process("nap")
  void nap(Nap nap, JobContext job) {
    recorder.started(job.name(), job.id(), nap.key(), job.attempt());
    if (recorder.runsOf(nap.key()).size() <= nap.times()) {
      job.snooze(Duration.ofMillis(nap.millis()));
    }
    recorder.finished.add(nap.key());
  }

  @Process
  void anything(Map<String, Object> payload, JobContext job) {
    recorder.started(job.name(), job.id(), String.valueOf(payload.get("key")), job.attempt());
    recorder.finished.add(String.valueOf(payload.get("key")));
  }
}
