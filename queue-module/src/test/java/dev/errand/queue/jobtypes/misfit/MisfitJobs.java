package dev.errand.queue.jobtypes.misfit;

import dev.errand.queue.JobType;
import dev.errand.queue.jobtypes.Orders;

/** A JobType whose payload class is not what its handler takes: start must refuse it. */
public final class MisfitJobs {

  private MisfitJobs() {}

  public static final JobType<Orders.WelcomeEmail> SHIP =
      JobType.of("jobtypes-orders", "ship", Orders.WelcomeEmail.class);
}
