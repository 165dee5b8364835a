package dev.errand.queue.internal;

import dev.errand.queue.spi.Ack;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The one way into a worker's {@link Acknowledger}: finished runs' outcomes, from any thread, and
 * the replies of its round trips, in arrival order. Since both come through here, only the
 * acknowledger's thread ever touches a batch.
 */
final class AckInbox implements Consumer<Ack> {

  /** An item that carries nothing: see {@link #wakeUp}. */
  private static final Object WAKE_UP = new Object();

  private final LinkedBlockingQueue<Object> items = new LinkedBlockingQueue<>();
  private final SettleSignal settled;

  AckInbox(SettleSignal settled) {
    this.settled = settled;
  }

  /** A run's outcome, from whichever path claimed the run. */
  @Override
  public void accept(Ack outcome) {
    items.add(outcome);
    settled.settled();
  }

  /** A round trip's reply or failure, from the thread that completed it. */
  void replied(TripReply reply) {
    items.add(reply);
  }

  /** The next item without waiting, or null. */
  Object poll() {
    return items.poll();
  }

  /** The next item, waiting for one. */
  Object take() throws InterruptedException {
    return items.take();
  }

  /**
   * Wakes the acknowledger waiting in {@link #take} with an item that carries nothing, so it sees
   * that it is finishing: it parks without a timeout, not to wake hundreds of idle queues' threads
   * many times a second.
   */
  void wakeUp() {
    items.add(WAKE_UP);
  }

  boolean isEmpty() {
    return items.isEmpty();
  }
}
