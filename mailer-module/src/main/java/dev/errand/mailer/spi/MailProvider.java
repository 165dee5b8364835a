package dev.errand.mailer.spi;

import dev.errand.core.Health;
import dev.errand.mailer.Mail;
import dev.errand.mailer.MailException;
import dev.errand.mailer.MailReceipt;

/**
 * Delivers mail: over SMTP, to an HTTP API, to a log, to memory. Plug in your own with {@code
 * MailerAdapter.withProvider(...)}.
 *
 * <p>The mailer validates every mail and fills in its sender before calling {@link #send}, so a
 * provider may rely on a present sender, at least one recipient, a body and header values free of
 * line breaks.
 */
public interface MailProvider extends AutoCloseable {

  /** A short name for messages and receipts, e.g. {@code smtp}. */
  String name();

  /**
   * Delivers the mail.
   *
   * @throws MailException naming this provider and its reason, without credentials
   */
  MailReceipt send(Mail mail);

  /** Whether the provider can deliver right now; must not block for long. */
  default Health health() {
    return Health.ok(name());
  }

  /** Releases connections and threads; called when the application stops. */
  @Override
  default void close() {}
}
