package dev.errand.mailer.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.errand.mailer.Mail;
import dev.errand.mailer.MailException;
import dev.errand.mailer.MailerSettings;
import dev.errand.mailer.MailerSettings.Tls;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Implicit TLS against GreenMail's SMTPS server, whose certificate is self-signed. */
class SmtpTlsTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort());

  private SmtpProvider provider(Set<String> trustedHosts) {
    MailerSettings.Smtp smtp =
        new MailerSettings.Smtp(
            "127.0.0.1",
            greenMail.getSmtps().getPort(),
            Tls.IMPLICIT,
            Optional.empty(),
            Optional.empty(),
            trustedHosts);
    return new SmtpProvider(smtp, Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC());
  }

  private static Mail mail() {
    return Mail.builder()
        .from("noreply@errand.test")
        .to("alice@example.com")
        .subject("Over TLS")
        .text("encrypted")
        .build();
  }

  @Test
  void shouldSendOverImplicitTlsToATrustedHost() throws Exception {
    provider(Set.of("127.0.0.1")).send(mail());

    assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("Over TLS");
  }

  @Test
  void shouldRefuseAnUnverifiedCertificateByDefault() {
    assertThatThrownBy(() -> provider(Set.of()).send(mail()))
        .isInstanceOfSatisfying(
            MailException.class,
            e -> {
              assertThat(e.getMessage()).contains("TLS with 127.0.0.1").contains("MAIL_SMTP_TLS");
              assertThat(e.retryable()).isFalse();
            });
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }
}
