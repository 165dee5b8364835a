package dev.errand.mailer.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.mailer.Mail;
import dev.errand.mailer.MailReceipt;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleProviderTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void shouldLogTheWholeMessageReadably() {
    List<String> lines = new ArrayList<>();
    ConsoleProvider console = new ConsoleProvider(lines::add, clock);

    MailReceipt receipt =
        console.send(
            Mail.builder()
                .from("Errand <noreply@errand.test>")
                .to("Alice <alice@example.com>", "bob@example.com")
                .cc("carol@example.com")
                .bcc("audit@example.com")
                .replyTo("support@errand.test")
                .subject("Task ENG-42 assigned to you")
                .header("X-Priority", "1")
                .text("Dave assigned ENG-42 to you.")
                .html("<p>Dave assigned <b>ENG-42</b> to you.</p>")
                .attach("spec.txt", "text/plain", new byte[12])
                .build());

    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .contains("Id: " + receipt.messageId())
        .contains("From: Errand <noreply@errand.test>")
        .contains("To: Alice <alice@example.com>, bob@example.com")
        .contains("Cc: carol@example.com")
        .contains("Bcc: audit@example.com")
        .contains("Reply-To: support@errand.test")
        .contains("Subject: Task ENG-42 assigned to you")
        .contains("X-Priority: 1")
        .contains("Attachment: spec.txt (text/plain, 12 bytes)")
        .contains("Dave assigned ENG-42 to you.")
        .contains("<p>Dave assigned <b>ENG-42</b> to you.</p>");
    assertThat(receipt.provider()).isEqualTo("console");
    assertThat(receipt.accepted()).hasSize(4);
    assertThat(receipt.acceptedAt()).isEqualTo(clock.instant());
    assertThat(console.health().up()).isTrue();
  }
}
