package dev.errand.queue.bench;

import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobType;
import dev.errand.queue.Process;

/** The workflow benchmark's handlers: a step returns its number; a sink reads every result. */
@Job("wfbench")
public final class WorkflowBenchProcessor {

  public static final JobType<BenchProcessor.Payload> STEP =
      JobType.of("wfbench", "step", BenchProcessor.Payload.class);
  public static final JobType<BenchProcessor.Payload> SINK =
      JobType.of("wfbench", "sink", BenchProcessor.Payload.class);

  /** When the first middle step of the fan-out started (System.nanoTime), 0 before. */
  static volatile long firstMiddle;

  @Process("step")
  int step(BenchProcessor.Payload payload, JobContext job) {
    if (firstMiddle == 0 && job.id().contains(":m")) {
      firstMiddle = System.nanoTime();
    }
    return payload.k();
  }

  @Process("sink")
  int sink(BenchProcessor.Payload payload, JobContext job) {
    return job.dependencies().results(Integer.class).size();
  }
}
