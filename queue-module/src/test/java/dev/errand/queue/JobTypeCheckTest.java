package dev.errand.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandStartupException;
import dev.errand.core.Settings;
import dev.errand.queue.jobtypes.Orders;
import dev.errand.queue.jobtypes.misfit.MisfitJobs;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A JobType's payload class must fit the handler this application has for its queue and name:
 * checked at start for the JobType constants of the scanned packages, and at add for the others.
 */
class JobTypeCheckTest {

  private static ErrandApp start(QueueAdapter queue) {
    return ErrandApp.builder()
        .settings(Settings.of(Map.of("JOBS_ENABLED", "false")))
        .adapters(queue)
        .shutdownHook(false)
        .start();
  }

  @Test
  void shouldFailStartNamingAJobTypeConstantWhosePayloadDoesNotFitItsHandler() {
    assertThatThrownBy(
            () ->
                start(
                    new QueueAdapter(MisfitJobs.class.getPackageName())
                        .withClasses(Orders.OrderProcessor.class)))
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining("JobType " + MisfitJobs.class.getName() + "#SHIP")
        .hasMessageContaining(Orders.OrderProcessor.class.getName() + "#ship")
        .hasMessageContaining("carries " + Orders.WelcomeEmail.class.getName())
        .hasMessageContaining("takes " + Orders.ShipOrder.class.getName());
  }

  @Test
  void shouldRefuseToAddThroughAJobTypeWhosePayloadDoesNotFitTheHandlerHere() {
    ErrandApp app = start(new QueueAdapter().withClasses(Orders.OrderProcessor.class));
    try {
      QueueService queue = app.get(QueueService.class);
      JobType<Orders.WelcomeEmail> wrong =
          JobType.of("jobtypes-orders", "ship", Orders.WelcomeEmail.class);
      Orders.WelcomeEmail payload = new Orders.WelcomeEmail("ada@example.com", "Ada");

      assertThatThrownBy(() -> queue.add(wrong, payload))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(
              "JobType.of(\"jobtypes-orders\", \"ship\", "
                  + Orders.WelcomeEmail.class.getName()
                  + ".class)")
          .hasMessageContaining(Orders.OrderProcessor.class.getName() + "#ship")
          .hasMessageContaining("takes " + Orders.ShipOrder.class.getName());
      assertThatThrownBy(() -> queue.addAndWait(wrong, payload, Duration.ofSeconds(1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(app.get(QueueAdmin.class).counts("jobtypes-orders").waiting()).isZero();

      JobType<Orders.ShipOrder> right =
          JobType.of("jobtypes-orders", "ship", Orders.ShipOrder.class);
      queue.add(right, new Orders.ShipOrder(7, "1 Main St"));
      assertThat(app.get(QueueAdmin.class).counts("jobtypes-orders").waiting()).isEqualTo(1);
    } finally {
      app.stop();
    }
  }

  @Test
  void shouldLetJobTypesOfQueuesWithoutAHandlerHereThrough() {
    ErrandApp app = start(new QueueAdapter());
    try {
      app.get(QueueService.class)
          .add(
              JobType.of("jobtypes-orders", "ship", Orders.WelcomeEmail.class),
              new Orders.WelcomeEmail("ada@example.com", "Ada"));

      assertThat(app.get(QueueAdmin.class).counts("jobtypes-orders").waiting()).isEqualTo(1);
    } finally {
      app.stop();
    }
  }
}
