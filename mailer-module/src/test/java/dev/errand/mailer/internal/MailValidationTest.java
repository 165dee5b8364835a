package dev.errand.mailer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.mailer.Attachment;
import dev.errand.mailer.CaptureMailer;
import dev.errand.mailer.InvalidMailException;
import dev.errand.mailer.Mail;
import dev.errand.mailer.MailAddress;
import dev.errand.mailer.MailReceipt;
import dev.errand.mailer.internal.template.MustacheTemplateEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailValidationTest {

  private final CaptureMailer capture = new CaptureMailer();
  private final DefaultMailerService mailer =
      new DefaultMailerService(
          MailAddress.parse("Errand <noreply@errand.test>"),
          new MailValidator(1_000),
          capture,
          new MustacheTemplateEngine("mail", getClass().getClassLoader()));

  private static Mail.Builder valid() {
    return Mail.builder().to("alice@example.com").subject("Hello").text("Hi Alice");
  }

  @Test
  void shouldFillInDefaultSenderAndSend() {
    MailReceipt receipt = mailer.send(valid().build());

    assertThat(receipt.provider()).isEqualTo("capture");
    assertThat(receipt.accepted()).containsExactly(MailAddress.of("alice@example.com"));
    assertThat(capture.last().orElseThrow().from())
        .contains(MailAddress.of("noreply@errand.test", "Errand"));
  }

  @Test
  void shouldKeepAnExplicitSender() {
    mailer.send(valid().from("Billing <billing@example.com>").build());

    assertThat(capture.last().orElseThrow().from().orElseThrow().address())
        .isEqualTo("billing@example.com");
  }

  @Test
  void shouldRefuseMailWithoutRecipient() {
    assertRefused(Mail.builder().subject("Hello").text("Hi").build(), "no recipient");
  }

  @Test
  void shouldAcceptBccOnlyRecipient() {
    mailer.send(Mail.builder().bcc("audit@example.com").subject("Hello").text("Hi").build());

    assertThat(capture.count()).isEqualTo(1);
  }

  @Test
  void shouldRefuseMailWithoutBody() {
    assertRefused(Mail.builder().to("alice@example.com").subject("Hello").build(), "no body");
    assertRefused(
        Mail.builder().to("alice@example.com").subject("Hello").text("  ").html("").build(),
        "no body");
  }

  @Test
  void shouldRefuseLineBreaksInSubject() {
    assertRefused(valid().subject("Hello\r\nBcc: victim@example.com").build(), "the subject");
    assertRefused(valid().subject("Hello\nX-Evil: 1").build(), "line break");
    assertRefused(valid().subject("Hello\rthere").build(), "line break");
  }

  @Test
  void shouldRefuseLineBreaksAndControlCharactersInExtraHeaders() {
    assertRefused(
        valid().header("X-Campaign", "spring\r\nBcc: victim@example.com").build(),
        "the header 'X-Campaign' contains a line break");
    assertRefused(valid().header("X-Campaign", "spring\u0000").build(), "U+0000");
    assertRefused(valid().header("X-Bad Name", "1").build(), "header name 'X-Bad Name'");
    assertRefused(valid().header("X-Bad:Name", "1").build(), "header name");
  }

  @Test
  void shouldRefuseExtraHeadersThatDuplicateMailFields() {
    assertRefused(valid().header("Bcc", "victim@example.com").build(), "use bcc(...)");
    assertRefused(valid().header("subject", "other").build(), "use subject(...)");
  }

  @Test
  void shouldAllowTabsInHeaderValues() {
    mailer.send(valid().header("X-Note", "a\tb").build());

    assertThat(capture.last().orElseThrow().headers()).containsEntry("X-Note", "a\tb");
  }

  @Test
  void shouldRefuseLineBreakInIdempotencyKey() {
    assertRefused(valid().idempotencyKey("job-1\r\nX: y").build(), "idempotency key");
  }

  @Test
  void shouldRefuseAttachmentsOverTheLimit() {
    Mail mail =
        valid()
            .attach("a.bin", "application/octet-stream", new byte[600])
            .attach("b.bin", "application/octet-stream", new byte[600])
            .build();

    assertRefused(mail, "exceed the limit of 1000 bytes (reached at 'b.bin')");
    assertRefused(mail, "MAIL_MAX_ATTACHMENT_BYTES");
  }

  @Test
  void shouldMeasureFileAttachmentsOnDisk(@TempDir Path dir) throws Exception {
    Path big = Files.write(dir.resolve("big.csv"), new byte[2_000]);
    Path small = Files.write(dir.resolve("small.csv"), new byte[10]);

    assertRefused(valid().attach(Attachment.fromFile(big, "text/csv")).build(), "big.csv");
    mailer.send(valid().attach(Attachment.fromFile(small, "text/csv")).build());
    assertThat(capture.count()).isEqualTo(1);
  }

  @Test
  void shouldRefuseMissingAttachmentFileNamingIt(@TempDir Path dir) {
    Attachment gone = Attachment.fromFile(dir.resolve("gone.pdf"), "application/pdf");

    assertRefused(valid().attach(gone).build(), "gone.pdf");
  }

  @Test
  void shouldRefuseUnsafeAttachmentNamesAndTypes() {
    assertThatThrownBy(() -> Attachment.of("a\r\nb.txt", "text/plain", new byte[1]))
        .isInstanceOf(InvalidMailException.class)
        .hasMessageContaining("control character");
    assertThatThrownBy(() -> Attachment.of("../etc/passwd", "text/plain", new byte[1]))
        .isInstanceOf(InvalidMailException.class)
        .hasMessageContaining("path separator");
    assertThatThrownBy(() -> Attachment.of("a.txt", "text/plain\r\nX: y", new byte[1]))
        .isInstanceOf(InvalidMailException.class)
        .hasMessageContaining("content type");
  }

  @Test
  void shouldCopyAttachmentBytes() {
    byte[] bytes = {1, 2, 3};
    Attachment attachment = Attachment.of("a.bin", "application/octet-stream", bytes);
    bytes[0] = 9;

    assertThat(attachment.bytes()).containsExactly(1, 2, 3);
  }

  private void assertRefused(Mail mail, String reason) {
    assertThatThrownBy(() -> mailer.send(mail))
        .isInstanceOf(InvalidMailException.class)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(((InvalidMailException) e).retryable()).isFalse())
        .satisfies(e -> assertThat(((InvalidMailException) e).provider()).isEqualTo("validation"));
    assertThat(capture.count()).as("a refused mail never reaches the provider").isZero();
  }
}
