package dev.errand.queue.jobtypes.typo;

import dev.errand.queue.JobType;
import dev.errand.queue.jobtypes.Orders;

/** JobTypes with a typo: a queue nothing here consumes, and a job its queue's handlers lack. */
public final class TypoJobs {

  private TypoJobs() {}

  public static final JobType<Orders.ShipOrder> QUEUE_TYPO =
      JobType.of("jobtypes-ordres", "ship", Orders.ShipOrder.class);

  public static final JobType<Orders.ShipOrder> NAME_TYPO =
      JobType.of("jobtypes-orders", "shipp", Orders.ShipOrder.class);
}
