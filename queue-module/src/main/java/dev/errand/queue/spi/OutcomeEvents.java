package dev.errand.queue.spi;

import dev.errand.queue.JobEvent;
import dev.errand.queue.JobFailure;
import java.util.function.Consumer;

/**
 * The events a recorded outcome means, in the order listeners see them, and why a stalled job
 * fails. One mapping for every place that records an outcome (the worker for its local listeners,
 * the memory and PostgreSQL backends for their subscribers), so they cannot drift apart.
 */
public final class OutcomeEvents {

  private OutcomeEvents() {}

  /**
   * Hands {@code to} the events of {@code ack} for run {@code attempt} of job {@code name}:
   * COMPLETED; RETRYING; DEAD then FAILED for a job whose attempts ran out; FAILED; SNOOZED. It
   * takes a sink instead of returning a list because it runs once per finished job.
   */
  public static void emit(
      String queue, String name, int attempt, Ack ack, Consumer<? super JobEvent> to) {
    switch (ack) {
      case Ack.Complete c ->
          to.accept(
              new JobEvent(
                  JobEvent.Type.COMPLETED, queue, c.id(), name, attempt, c.result(), null));
      case Ack.Retry r ->
          to.accept(
              new JobEvent(
                  JobEvent.Type.RETRYING, queue, r.id(), name, attempt, null, r.failure()));
      case Ack.Fail f when f.dead() -> died(queue, f.id(), name, attempt, f.failure(), to);
      case Ack.Fail f ->
          to.accept(
              new JobEvent(JobEvent.Type.FAILED, queue, f.id(), name, attempt, null, f.failure()));
      case Ack.Snooze s ->
          to.accept(new JobEvent(JobEvent.Type.SNOOZED, queue, s.id(), name, attempt, null, null));
    }
  }

  /**
   * Hands {@code to} the events of a job that joined the dead-letter list, its attempts or its
   * stalls used up: DEAD, then FAILED.
   */
  public static void died(
      String queue,
      String id,
      String name,
      int attempt,
      JobFailure failure,
      Consumer<? super JobEvent> to) {
    to.accept(new JobEvent(JobEvent.Type.DEAD, queue, id, name, attempt, null, failure));
    to.accept(new JobEvent(JobEvent.Type.FAILED, queue, id, name, attempt, null, failure));
  }

  /**
   * Why job {@code id} fails once its lease has expired {@code stalls} times, more than {@code
   * maxStalled}; also the failure its STALLED events carry. The Redis scripts say the same.
   */
  public static JobFailure stalled(String id, int stalls, int maxStalled) {
    return new JobFailure(
        "Stalled",
        "Job "
            + id
            + " lost its worker's lease "
            + stalls
            + " times (more than JOBS_MAX_STALLED="
            + maxStalled
            + "): its worker died or hung while running it",
        "");
  }

  /**
   * What the attempt of a run cut off by an expired lease records as its failure: the worker, named
   * by {@link Lease#workerOf} of its token (empty when unknown), stopped or lost contact. The Redis
   * scripts say the same.
   */
  public static JobFailure stalledRun(String worker) {
    return new JobFailure(
        "Stalled",
        "The worker's lease expired ("
            + (worker.isEmpty() ? "the worker" : "worker " + worker)
            + " stopped or lost contact)",
        "");
  }
}
