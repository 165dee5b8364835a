package dev.errand.tck.queue;

import com.google.inject.Inject;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobType;
import dev.errand.queue.Process;
import dev.errand.queue.UnrecoverableJobException;
import java.time.Duration;
import java.util.Map;

/**
 * The processor the queue suites run on the {@code contract} queue; each {@link Work} steers it.
 */
@Job("contract")
public final class ContractProcessor {

  public static final JobType<Work> WORK = JobType.of("contract", "work", Work.class);
  public static final JobType<Work> REPORT = JobType.of("contract", "report", Work.class);

  public static final JobType<Nap> NAP = JobType.of("contract", "nap", Nap.class);

  /** A payload with a number, for the payload-mismatch test. */
  public record Count(int value) {}

  /**
   * A job that snoozes for {@code millis} on each of its first {@code times} runs, then finishes.
   */
  public record Nap(String key, int times, long millis) {}

  private final Recorder recorder;

  @Inject
  ContractProcessor(Recorder recorder) {
    this.recorder = recorder;
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
