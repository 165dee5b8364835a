package dev.errand.mailer.internal.console;

import dev.errand.core.Health;
import dev.errand.mailer.Attachment;
import dev.errand.mailer.Mail;
import dev.errand.mailer.MailAddress;
import dev.errand.mailer.MailReceipt;
import dev.errand.mailer.spi.MailProvider;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development provider: writes each mail, headers and bodies included, to the log at INFO and
 * delivers nothing, so a developer can read what a user would have received.
 */
public final class ConsoleProvider implements MailProvider {

  private static final Logger log = LoggerFactory.getLogger("dev.errand.mailer.console");
  private static final String RULE = "-".repeat(72);

  private final Consumer<String> out;
  private final Clock clock;

  public ConsoleProvider(Clock clock) {
    this(log::info, clock);
  }

  /** A console provider writing to the given sink instead of the log. */
  public ConsoleProvider(Consumer<String> out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "console";
  }

  @Override
  public MailReceipt send(Mail mail) {
    String id = "console-" + UUID.randomUUID();
    out.accept(render(mail, id));
    return new MailReceipt(name(), id, mail.recipients(), clock.instant());
  }

  static String render(Mail mail, String id) {
    StringBuilder b =
        new StringBuilder("Mail not delivered (MAIL_PROVIDER=console)\n").append(RULE);
    line(b, "Id", id);
    line(b, "From", mail.from().map(Object::toString).orElse(""));
    line(b, "To", join(mail.to()));
    line(b, "Cc", join(mail.cc()));
    line(b, "Bcc", join(mail.bcc()));
    line(b, "Reply-To", join(mail.replyTo()));
    line(b, "Subject", mail.subject().orElse(""));
    mail.headers().forEach((name, value) -> line(b, name, value));
    for (Attachment a : mail.attachments()) {
      line(b, "Attachment", a.fileName() + " (" + a.contentType() + ", " + a.size() + " bytes)");
    }
    mail.text().ifPresent(text -> b.append('\n').append(RULE).append(" text\n").append(text));
    mail.html().ifPresent(html -> b.append('\n').append(RULE).append(" html\n").append(html));
    return b.append('\n').append(RULE).toString();
  }

  private static void line(StringBuilder b, String name, String value) {
    if (!value.isEmpty()) {
      b.append('\n').append(name).append(": ").append(value);
    }
  }

  private static String join(List<MailAddress> addresses) {
    return addresses.stream().map(Object::toString).collect(Collectors.joining(", "));
  }

  @Override
  public Health health() {
    return Health.ok("console: mail is logged, not delivered");
  }
}
