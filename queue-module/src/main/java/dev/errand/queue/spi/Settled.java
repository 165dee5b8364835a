package dev.errand.queue.spi;

import java.util.List;

/**
 * What a {@link WorkflowStore#settle} call released.
 *
 * @param released steps now {@code READY}, to be added to their queues; a store may leave out their
 *     dependencies ({@link StoredStep#dependsOn()} empty), which adding them does not need
 * @param more whether outcomes remain to be passed on, for another call
 */
public record Settled(List<StoredStep> released, boolean more) {

  public Settled {
    released = List.copyOf(released);
  }

  /** The released steps whose queue is {@code queue}. */
  public List<StoredStep> releasedInto(String queue) {
    return released.stream().filter(step -> step.queue().equals(queue)).toList();
  }

  /** This settle without the released steps of {@code queue} (which a backend added itself). */
  public Settled withoutReleasedInto(String queue) {
    return new Settled(
        released.stream().filter(step -> !step.queue().equals(queue)).toList(), more);
  }
}
