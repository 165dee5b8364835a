package dev.errand.mailer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.mailer.Mail;
import dev.errand.mailer.MailReceipt;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DryRunProviderTest {

  @Test
  void shouldLogOneLineAndSendNothing() {
    List<String> lines = new ArrayList<>();
    DryRunProvider dryRun = new DryRunProvider("smtp", lines::add, Clock.systemUTC());

    MailReceipt receipt =
        dryRun.send(
            Mail.builder()
                .from("noreply@errand.test")
                .to("alice@example.com")
                .bcc("audit@example.com")
                .subject("Reminder")
                .text("body text")
                .build());

    assertThat(receipt.provider()).isEqualTo("dry-run");
    assertThat(receipt.messageId()).startsWith("dry-run-");
    assertThat(lines)
        .singleElement()
        .asString()
        .contains("MAIL_ENABLED=false")
        .contains("provider smtp")
        .contains("to=[alice@example.com]")
        .contains("bcc=[audit@example.com]")
        .contains("subject=Reminder")
        .doesNotContain("body text");
    assertThat(dryRun.health().detail()).contains("MAIL_ENABLED=false");
  }
}
