package dev.errand.queue.internal.redis;

import dev.errand.queue.JobEvent;
import dev.errand.queue.JobFailure;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.Settled;
import dev.errand.queue.spi.StoredStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Reads what {@code acknowledge-and-fetch.lua} returns: time to the next due job, refused ids, what
 * it settled in workflows, stalled jobs, then leased jobs.
 */
final class FetchReply {

  /** Where what the script settled in one workflow goes. */
  interface StepsSettled {
    /**
     * @param note the note of the release under way, "" when nothing was released
     */
    void accept(String workflowId, Settled settled, String note);
  }

  private static final StepCodec CODEC = new StepCodec();

  private FetchReply() {}

  static Fetched parse(String queue, List<Object> reply, Instant now, StepsSettled stepsSettled) {
    String next = String.valueOf(reply.get(0));
    int refusedCount = ((Number) reply.get(1)).intValue();
    Set<String> refused = new HashSet<>();
    for (int i = 2; i < 2 + refusedCount; i++) {
      refused.add(String.valueOf(reply.get(i)));
    }
    int stalledAt = workflows(reply, 2 + refusedCount, stepsSettled);
    int stalledCount = ((Number) reply.get(stalledAt)).intValue();
    List<JobEvent> events = new ArrayList<>();
    for (int i = stalledAt + 1; i < stalledAt + 1 + stalledCount * 4; i += 4) {
      stalled(queue, reply, i, events);
    }
    int first = stalledAt + 1 + stalledCount * 4;
    List<LeasedJob> jobs = new ArrayList<>((reply.size() - first) / 5);
    for (int i = first; i + 4 < reply.size(); i += 5) {
      String options = (String) reply.get(i + 3);
      jobs.add(
          new LeasedJob(
              (String) reply.get(i),
              (String) reply.get(i + 1),
              (String) reply.get(i + 2),
              options.isEmpty() ? null : options,
              ((Number) reply.get(i + 4)).intValue()));
    }
    Instant nextDelayed = next.isEmpty() ? null : now.plusMillis(StoredJob.number(next));
    return new Fetched(jobs, nextDelayed, refused, events);
  }

  /** Hands on what the script settled in workflows, from {@code at}; returns where it ends. */
  private static int workflows(List<Object> reply, int at, StepsSettled stepsSettled) {
    int count = ((Number) reply.get(at)).intValue();
    at++;
    for (int w = 0; w < count; w++) {
      String workflowId = (String) reply.get(at);
      boolean more = ((Number) reply.get(at + 1)).intValue() == 1;
      String note = (String) reply.get(at + 2);
      int released = ((Number) reply.get(at + 3)).intValue();
      List<StoredStep> steps = new ArrayList<>(released);
      for (int i = at + 4; i < at + 4 + released; i++) {
        steps.add(CODEC.step((String) reply.get(i)));
      }
      at += 4 + released;
      stepsSettled.accept(workflowId, new Settled(steps, more), note);
    }
    return at;
  }

  private static void stalled(String queue, List<Object> reply, int at, List<JobEvent> events) {
    String id = String.valueOf(reply.get(at));
    String name = String.valueOf(reply.get(at + 1));
    long stalls = ((Number) reply.get(at + 2)).longValue();
    boolean dead = ((Number) reply.get(at + 3)).intValue() == 1;
    JobFailure failure =
        new JobFailure(
            "Stalled",
            "Job " + id + " lost its worker's lease (" + stalls + " time(s) so far)",
            "");
    events.add(new JobEvent(JobEvent.Type.STALLED, queue, id, name, 0, null, failure));
    if (dead) {
      events.add(new JobEvent(JobEvent.Type.DEAD, queue, id, name, 0, null, failure));
      events.add(new JobEvent(JobEvent.Type.FAILED, queue, id, name, 0, null, failure));
    }
  }

  /** Waits for a round trip whose caller needs its answer now. */
  static <T> T await(CompletableFuture<T> reply, String what) {
    try {
      return reply.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(cause.getMessage(), cause);
    }
  }

  /** The ids a script answered. */
  static Set<String> ids(List<Object> values) {
    Set<String> set = new HashSet<>();
    for (Object value : values) {
      set.add(String.valueOf(value));
    }
    return set;
  }
}
