package dev.errand.architecture.readme.workflow;

import dev.errand.mailer.Mail;
import dev.errand.mailer.MailerService;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import jakarta.inject.Inject;

// README: "Workflows", step checkpoints.
@Job("orders")
final class CheckoutProcessor {

  record Order(long id, String email, long cents) {}

  record Charge(String chargeId, long cents) {}

  /** The payment provider's client, as an application would have one. */
  interface Payments {
    Charge charge(Order order);
  }

  private final Payments payments;
  private final MailerService mailer;

  @Inject
  CheckoutProcessor(Payments payments, MailerService mailer) {
    this.payments = payments;
    this.mailer = mailer;
  }

  @Process("checkout")
  void checkout(Order order, JobContext job) throws Exception {
    Charge charge = job.step("charge-card", Charge.class, () -> payments.charge(order));
    job.step("send-receipt", () -> mailer.send(receipt(order, charge))); // a retry skips the charge
  }

  private static Mail receipt(Order order, Charge charge) {
    return Mail.builder()
        .to(order.email())
        .subject("Your receipt")
        .text("Charged " + charge.cents() + " cents")
        .build();
  }
}
