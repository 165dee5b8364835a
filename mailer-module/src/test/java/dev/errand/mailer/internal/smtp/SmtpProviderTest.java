package dev.errand.mailer.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.errand.mailer.Mail;
import dev.errand.mailer.MailAddress;
import dev.errand.mailer.MailException;
import dev.errand.mailer.MailReceipt;
import dev.errand.mailer.MailerSettings;
import dev.errand.mailer.MailerSettings.Tls;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpProviderTest {

  private static final String PASSWORD = "s3cret-Pa55";

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(
              GreenMailConfiguration.aConfig().withUser("mailer@errand.test", "mailer", PASSWORD));

  private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

  private SmtpProvider provider(Optional<String> user, Optional<String> password) {
    return provider(greenMail.getSmtp().getPort(), Tls.NONE, user, password);
  }

  private SmtpProvider provider(
      int port, Tls tls, Optional<String> user, Optional<String> password) {
    MailerSettings.Smtp smtp = new MailerSettings.Smtp("127.0.0.1", port, tls, user, password);
    return new SmtpProvider(smtp, Duration.ofSeconds(2), Duration.ofSeconds(5), clock);
  }

  private SmtpProvider anonymous() {
    return provider(Optional.empty(), Optional.empty());
  }

  private static Mail.Builder mail() {
    return Mail.builder().from("Errand <noreply@errand.test>").to("alice@example.com");
  }

  @Test
  void shouldSendPlainText() throws Exception {
    MailReceipt receipt =
        anonymous().send(mail().subject("Grüße aus Köln").text("Hello Alice\nLine two").build());

    MimeMessage received = single();
    assertThat(received.getSubject()).isEqualTo("Grüße aus Köln");
    assertThat(received.getContentType()).startsWith("text/plain");
    assertThat(((String) received.getContent()).replace("\r\n", "\n"))
        .isEqualTo("Hello Alice\nLine two");
    assertThat(received.getFrom())
        .containsExactly(new InternetAddress("noreply@errand.test", "Errand"));
    assertThat(received.getSentDate().toInstant()).isEqualTo(clock.instant());
    assertThat(receipt.provider()).isEqualTo("smtp");
    assertThat(receipt.messageId()).isEqualTo(received.getMessageID()).endsWith("@errand.test>");
    assertThat(receipt.accepted()).containsExactly(MailAddress.of("alice@example.com"));
  }

  @Test
  void shouldSendHtmlWithTextAlternative() throws Exception {
    anonymous().send(mail().subject("Both").text("plain body").html("<p>html body</p>").build());

    MimeMessage received = single();
    assertThat(received.getContentType()).startsWith("multipart/alternative");
    Multipart alternative = (Multipart) received.getContent();
    assertThat(alternative.getCount()).isEqualTo(2);
    assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("plain body");
    assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<p>html body</p>");
  }

  @Test
  void shouldSendHtmlOnly() throws Exception {
    anonymous().send(mail().subject("Html").html("<b>bold</b>").build());

    MimeMessage received = single();
    assertThat(received.getContentType()).startsWith("text/html");
    assertThat(received.getContent()).isEqualTo("<b>bold</b>");
  }

  @Test
  void shouldSendAttachments() throws Exception {
    byte[] pdf = {'%', 'P', 'D', 'F', 0, 1, 2, (byte) 0xFF};
    anonymous()
        .send(
            mail()
                .subject("Invoice")
                .text("See attached")
                .html("<p>See attached</p>")
                .attach("invoice-ä.pdf", "application/pdf", pdf)
                .attach("notes.txt", "text/plain", "note".getBytes(StandardCharsets.UTF_8))
                .build());

    MimeMessage received = single();
    assertThat(received.getContentType()).startsWith("multipart/mixed");
    Multipart mixed = (Multipart) received.getContent();
    assertThat(mixed.getCount()).isEqualTo(3);
    assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
    Part invoice = mixed.getBodyPart(1);
    assertThat(invoice.getDisposition()).isEqualTo(Part.ATTACHMENT);
    assertThat(jakarta.mail.internet.MimeUtility.decodeText(invoice.getFileName()))
        .isEqualTo("invoice-ä.pdf");
    assertThat(invoice.getContentType()).startsWith("application/pdf");
    assertThat(invoice.getInputStream().readAllBytes()).isEqualTo(pdf);
    assertThat(mixed.getBodyPart(2).getFileName()).isEqualTo("notes.txt");
  }

  @Test
  void shouldDeliverCcAndBccWithoutBccInHeaders() throws Exception {
    anonymous()
        .send(
            mail()
                .cc("Carol <carol@example.com>")
                .bcc("secret-auditor@example.com")
                .replyTo("support@errand.test")
                .header("X-Campaign", "spring-ä")
                .subject("Team news")
                .text("news")
                .build());

    assertThat(greenMail.waitForIncomingEmail(5_000, 3)).isTrue();
    MimeMessage[] copies = greenMail.getReceivedMessages();
    assertThat(copies).hasSize(3);
    for (MimeMessage copy : copies) {
      String raw = raw(copy);
      assertThat(raw)
          .doesNotContainIgnoringCase("secret-auditor")
          .doesNotContainIgnoringCase("bcc:");
      assertThat(copy.getRecipients(Message.RecipientType.CC))
          .extracting(Address::toString)
          .containsExactly("Carol <carol@example.com>");
      assertThat(copy.getReplyTo())
          .extracting(Address::toString)
          .containsExactly("support@errand.test");
      assertThat(jakarta.mail.internet.MimeUtility.decodeText(copy.getHeader("X-Campaign")[0]))
          .isEqualTo("spring-ä");
    }
    assertThat(copies[0].getAllRecipients())
        .extracting(Address::toString)
        .containsExactly("alice@example.com", "Carol <carol@example.com>");
    assertThat(greenMail.getUserManager().getUser("secret-auditor@example.com")).isNotNull();
  }

  @Test
  void shouldAuthenticateWithUsernameAndPassword() throws Exception {
    provider(Optional.of("mailer"), Optional.of(PASSWORD))
        .send(mail().subject("Authenticated").text("hi").build());

    assertThat(single().getSubject()).isEqualTo("Authenticated");
  }

  @Test
  void shouldFailWithoutLeakingPasswordWhenLoginIsRefused() {
    SmtpProvider wrong = provider(Optional.of("mailer"), Optional.of("wrong-" + PASSWORD));

    assertThatThrownBy(() -> wrong.send(mail().subject("x").text("hi").build()))
        .isInstanceOfSatisfying(
            MailException.class,
            e -> {
              assertThat(e.provider()).isEqualTo("smtp");
              assertThat(e.getMessage())
                  .contains("refused the login for user 'mailer'")
                  .contains("MAIL_SMTP_PASSWORD")
                  .doesNotContain(PASSWORD);
              assertThat(e.retryable()).isFalse();
            });
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void shouldFailRetryablyWhenServerIsDown() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SmtpProvider down = provider(closedPort, Tls.NONE, Optional.empty(), Optional.empty());

    assertThatThrownBy(() -> down.send(mail().subject("x").text("hi").build()))
        .isInstanceOfSatisfying(
            MailException.class,
            e -> {
              assertThat(e.provider()).isEqualTo("smtp");
              assertThat(e.getMessage())
                  .contains("cannot connect to 127.0.0.1:" + closedPort)
                  .contains("MAIL_SMTP_HOST");
              assertThat(e.retryable()).isTrue();
            });
    assertThat(down.health().up()).isFalse();
    assertThat(down.health().detail()).contains("cannot connect");
  }

  @Test
  void shouldRefuseToSendInPlainTextWhenStarttlsIsRequired() {
    SmtpProvider strict =
        provider(greenMail.getSmtp().getPort(), Tls.STARTTLS, Optional.empty(), Optional.empty());

    assertThatThrownBy(() -> strict.send(mail().subject("x").text("hi").build()))
        .isInstanceOf(MailException.class)
        .hasMessageContaining("does not offer STARTTLS")
        .satisfies(e -> assertThat(((MailException) e).retryable()).isFalse());
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void shouldReportHealthByConnectingAndNoop() {
    assertThat(anonymous().health().up()).isTrue();
    assertThat(anonymous().health().detail()).contains("NOOP");
    assertThat(provider(Optional.of("mailer"), Optional.of("nope")).health().up()).isFalse();
  }

  @Test
  void shouldMapTlsModesToSessionProperties() {
    var none =
        SmtpProvider.properties(
            new MailerSettings.Smtp("h", 25, Tls.NONE, Optional.empty(), Optional.empty()),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2));
    var starttls =
        SmtpProvider.properties(
            new MailerSettings.Smtp("h", 587, Tls.STARTTLS, Optional.of("u"), Optional.of("p")),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2));
    var implicit =
        SmtpProvider.properties(
            new MailerSettings.Smtp("h", 465, Tls.IMPLICIT, Optional.empty(), Optional.empty()),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2));

    assertThat(none)
        .containsEntry("mail.smtp.starttls.enable", "false")
        .containsEntry("mail.smtp.ssl.enable", "false")
        .containsEntry("mail.smtp.auth", "false")
        .containsEntry("mail.smtp.connectiontimeout", "1000")
        .containsEntry("mail.smtp.timeout", "2000");
    assertThat(starttls)
        .containsEntry("mail.smtp.starttls.enable", "true")
        .containsEntry("mail.smtp.starttls.required", "true")
        .containsEntry("mail.smtp.auth", "true")
        .doesNotContainValue("p");
    assertThat(implicit)
        .containsEntry("mail.smtp.ssl.enable", "true")
        .containsEntry("mail.smtp.ssl.checkserveridentity", "true");
  }

  private static MimeMessage single() {
    assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    MimeMessage[] messages = greenMail.getReceivedMessages();
    assertThat(messages).hasSize(1);
    return messages[0];
  }

  private static String raw(MimeMessage message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
