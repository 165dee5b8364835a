package dev.errand.mailer.internal;

import dev.errand.core.Health;
import dev.errand.mailer.Mail;
import dev.errand.mailer.MailReceipt;
import dev.errand.mailer.spi.MailProvider;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Used in place of the configured provider when {@code MAIL_ENABLED=false}: each mail is validated
 * as usual, logged in one line, and not sent.
 */
public final class DryRunProvider implements MailProvider {

  private final String disabled;
  private final Consumer<String> log;
  private final Clock clock;

  /**
   * @param disabled the name of the provider that would have sent the mail
   * @param log where the one-line summary goes
   */
  public DryRunProvider(String disabled, Consumer<String> log, Clock clock) {
    this.disabled = disabled;
    this.log = log;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "dry-run";
  }

  @Override
  public MailReceipt send(Mail mail) {
    String id = "dry-run-" + UUID.randomUUID();
    log.accept(
        "Mail not sent (MAIL_ENABLED=false, provider "
            + disabled
            + "): id="
            + id
            + " from="
            + mail.from().map(Object::toString).orElse("")
            + " to="
            + mail.to()
            + (mail.cc().isEmpty() ? "" : " cc=" + mail.cc())
            + (mail.bcc().isEmpty() ? "" : " bcc=" + mail.bcc())
            + " subject="
            + mail.subject().orElse("(none)")
            + " attachments="
            + mail.attachments().size());
    return new MailReceipt(name(), id, mail.recipients(), clock.instant());
  }

  @Override
  public Health health() {
    return Health.ok("mail disabled (MAIL_ENABLED=false): " + disabled + " would send");
  }
}
