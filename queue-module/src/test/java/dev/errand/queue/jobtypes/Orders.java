package dev.errand.queue.jobtypes;

import dev.errand.queue.Job;
import dev.errand.queue.Process;

/** Payloads and a processor whose JobTypes the JobType tests get right and wrong. */
public final class Orders {

  private Orders() {}

  /** What the handler takes. */
  public record ShipOrder(long orderId, String address) {}

  /** Another job's payload, as a JobType copied from elsewhere would carry. */
  public record WelcomeEmail(String email, String firstName) {}

  /** Handles the {@code ship} job of the {@code jobtypes-orders} queue. */
  @Job("jobtypes-orders")
  public static final class OrderProcessor {
    @Process("ship")
    public String ship(ShipOrder order) {
      return "shipped " + order.orderId();
    }
  }
}
