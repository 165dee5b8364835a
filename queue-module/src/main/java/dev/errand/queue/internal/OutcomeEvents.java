package dev.errand.queue.internal;

import dev.errand.queue.JobEvent;
import dev.errand.queue.JobFailure;
import dev.errand.queue.spi.Ack;
import java.util.function.Consumer;

/**
 * The events a recorded outcome means, in the order listeners see them. One mapping for every place
 * that records an outcome (the worker for its local listeners, the memory backend for its
 * subscribers), so the two cannot drift apart.
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
}
