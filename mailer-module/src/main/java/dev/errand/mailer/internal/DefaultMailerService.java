package dev.errand.mailer.internal;

import dev.errand.mailer.Mail;
import dev.errand.mailer.MailAddress;
import dev.errand.mailer.MailException;
import dev.errand.mailer.MailReceipt;
import dev.errand.mailer.MailerService;
import dev.errand.mailer.spi.MailProvider;
import dev.errand.mailer.spi.TemplateEngine;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailer: fills in the default sender, validates, then hands the mail to the provider. A
 * provider's unexpected runtime exception is wrapped so callers only ever see {@link
 * MailException}.
 */
public final class DefaultMailerService implements MailerService {

  private static final Logger log = LoggerFactory.getLogger(DefaultMailerService.class);

  private final MailAddress defaultFrom;
  private final MailValidator validator;
  private final MailProvider provider;
  private final TemplateEngine templates;

  public DefaultMailerService(
      MailAddress defaultFrom,
      MailValidator validator,
      MailProvider provider,
      TemplateEngine templates) {
    this.defaultFrom = Objects.requireNonNull(defaultFrom, "defaultFrom");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.templates = Objects.requireNonNull(templates, "templates");
  }

  @Override
  public MailReceipt send(Mail mail) {
    Objects.requireNonNull(mail, "mail");
    Mail complete = mail.from().isPresent() ? mail : mail.toBuilder().from(defaultFrom).build();
    validator.validate(complete);
    MailReceipt receipt;
    try {
      receipt = provider.send(complete);
    } catch (MailException e) {
      log.debug("Mail {} failed: {}", complete, e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      throw new MailException(
          provider.name(),
          "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          false,
          e);
    }
    log.debug("Mail {} accepted by {} as {}", complete, receipt.provider(), receipt.messageId());
    return receipt;
  }

  @Override
  public MailReceipt sendTemplate(String template, Mail mail, Object model) {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(mail, "mail");
    TemplateEngine.Rendered rendered = templates.render(template, model);
    Mail.Builder merged = mail.toBuilder();
    rendered.html().ifPresent(merged::html);
    rendered.text().ifPresent(merged::text);
    if (mail.subject().isEmpty()) {
      rendered.subject().map(String::strip).ifPresent(merged::subject);
    }
    return send(merged.build());
  }

  /** The provider mail goes to, for health checks and shutdown. */
  public MailProvider provider() {
    return provider;
  }
}
