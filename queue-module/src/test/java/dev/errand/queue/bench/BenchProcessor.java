package dev.errand.queue.bench;

import dev.errand.queue.Job;
import dev.errand.queue.JobType;
import dev.errand.queue.Process;

/** The benchmark's handler: returns the payload's number, as the peer benchmark's does. */
@Job("bench")
public final class BenchProcessor {

  /** The benchmark's payload: a number and a hundred characters of padding. */
  public record Payload(int k, String pad) {}

  public static final JobType<Payload> JOB = JobType.of("bench", "j", Payload.class);

  /** When the last job started to run (System.nanoTime), for the latency step's split. */
  static volatile long lastRunNanos;

  @Process("j")
  int run(Payload payload) {
    lastRunNanos = System.nanoTime();
    return payload.k();
  }
}
