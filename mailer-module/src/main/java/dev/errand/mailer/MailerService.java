package dev.errand.mailer;

/**
 * Sends mail through the configured provider. Bound by {@link MailerAdapter}; inject it into job
 * processors and services.
 *
 * <pre>{@code
 * @Process("send-welcome-email")
 * void sendWelcome(WelcomeEmail data, JobContext job) {
 *   mailer.sendTemplate("welcome",
 *       Mail.builder().to(data.email()).idempotencyKey(job.id()).build(),
 *       Map.of("firstName", data.firstName()));
 * }
 * }</pre>
 *
 * <p>Every mail is validated before a provider sees it; a refused mail throws {@link
 * InvalidMailException}. Implementations are thread-safe.
 */
public interface MailerService {

  /**
   * Validates and sends a mail, filling in the default sender when it has none.
   *
   * @return the provider's receipt
   * @throws InvalidMailException when the mail is refused by validation
   * @throws MailException when the provider fails; the message names the provider and its reason
   */
  MailReceipt send(Mail mail);

  /**
   * Renders a template with a model and sends the result. The template's html and text bodies
   * replace the mail's; its subject is used when the mail has none. Values are HTML-escaped in html
   * templates.
   *
   * @param template the template's name, e.g. {@code welcome} for {@code welcome.html.mustache} and
   *     {@code welcome.text.mustache} under the templates prefix
   * @param mail the recipients and other fields
   * @param model the values the template reads (a map, a record or a bean)
   */
  MailReceipt sendTemplate(String template, Mail mail, Object model);
}
