package dev.errand.mailer.internal.smtp;

import dev.errand.core.Health;
import dev.errand.mailer.Mail;
import dev.errand.mailer.MailException;
import dev.errand.mailer.MailReceipt;
import dev.errand.mailer.MailerSettings;
import dev.errand.mailer.spi.MailProvider;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Delivers mail to an SMTP server through Jakarta Mail (Eclipse Angus), one connection per mail.
 * STARTTLS is required when configured, so a server that stops offering it cannot silently
 * downgrade the connection to plain text. A mail is accepted for all its recipients or for none
 * (partial sends are off), so the receipt lists every recipient.
 */
public final class SmtpProvider implements MailProvider {

  private final MailerSettings.Smtp smtp;
  private final Session session;
  private final Clock clock;

  public SmtpProvider(
      MailerSettings.Smtp smtp, Duration connectTimeout, Duration readTimeout, Clock clock) {
    this.smtp = smtp;
    this.session = Session.getInstance(properties(smtp, connectTimeout, readTimeout));
    this.clock = clock;
  }

  /** The Jakarta Mail properties for these settings; credentials are never among them. */
  static Properties properties(
      MailerSettings.Smtp smtp, Duration connectTimeout, Duration readTimeout) {
    Properties p = new Properties();
    p.setProperty("mail.transport.protocol", "smtp");
    p.setProperty("mail.smtp.host", smtp.host());
    p.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
    p.setProperty("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
    p.setProperty("mail.smtp.timeout", Long.toString(readTimeout.toMillis()));
    p.setProperty("mail.smtp.writetimeout", Long.toString(readTimeout.toMillis()));
    p.setProperty("mail.smtp.auth", Boolean.toString(smtp.username().isPresent()));
    boolean starttls = smtp.tls() == MailerSettings.Tls.STARTTLS;
    p.setProperty("mail.smtp.starttls.enable", Boolean.toString(starttls));
    p.setProperty("mail.smtp.starttls.required", Boolean.toString(starttls));
    p.setProperty(
        "mail.smtp.ssl.enable", Boolean.toString(smtp.tls() == MailerSettings.Tls.IMPLICIT));
    if (!smtp.trustedHosts().isEmpty()) {
      p.setProperty("mail.smtp.ssl.trust", String.join(" ", new TreeSet<>(smtp.trustedHosts())));
    }
    // A host the operator vouched for typically has a self-signed certificate naming no host, so
    // its name is not checked either; every other host's certificate is verified in full.
    boolean vouched = smtp.trustedHosts().contains(smtp.host());
    p.setProperty("mail.smtp.ssl.checkserveridentity", Boolean.toString(!vouched));
    return p;
  }

  @Override
  public String name() {
    return "smtp";
  }

  @Override
  public MailReceipt send(Mail mail) {
    try (Transport transport = connect()) {
      MimeMessage message = MimeMessageFactory.create(session, mail, clock.instant());
      transport.sendMessage(message, MimeMessageFactory.envelope(mail));
      return new MailReceipt(name(), message.getMessageID(), mail.recipients(), clock.instant());
    } catch (MessagingException e) {
      throw SmtpFailures.translate(e, smtp);
    }
  }

  private Transport connect() throws MessagingException {
    Transport transport = session.getTransport("smtp");
    transport.connect(
        smtp.host(), smtp.port(), smtp.username().orElse(null), smtp.password().orElse(null));
    return transport;
  }

  /** Connects, logs in when configured, and checks the server answers NOOP. */
  @Override
  public Health health() {
    try (Transport transport = connect()) {
      if (!transport.isConnected()) {
        return Health.down("SMTP " + address() + " did not answer NOOP");
      }
      return Health.ok("SMTP " + address() + " answered EHLO and NOOP");
    } catch (MessagingException e) {
      MailException failure = SmtpFailures.translate(e, smtp);
      return Health.down(failure.getMessage());
    }
  }

  private String address() {
    return smtp.host() + ":" + smtp.port();
  }
}
