package dev.errand.mailer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandStartupException;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MailerAdapterTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private ErrandApp app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  /** What a user's job processor looks like: it only knows MailerService. */
  static final class WelcomeMailer {
    private final MailerService mailer;

    @Inject
    WelcomeMailer(MailerService mailer) {
      this.mailer = mailer;
    }

    MailReceipt welcome(String email, String firstName) {
      return mailer.sendTemplate(
          "welcome",
          Mail.builder().to(email).idempotencyKey("welcome-" + email).build(),
          Map.of("firstName", firstName, "workspace", "Acme", "email", email, "trustedFooter", ""));
    }
  }

  private ErrandApp start(Map<String, String> values, Adapter... adapters) {
    Settings settings = Settings.of(values);
    ErrandApp.Builder builder = ErrandApp.builder().settings(settings).shutdownHook(false);
    if (adapters.length == 0) {
      builder.adapters(new MailerAdapter(MailerSettings.from(settings)));
    } else {
      builder.adapters(adapters);
    }
    app = builder.start();
    return app;
  }

  @Test
  void shouldBindMailerServiceAndCaptureMailerInAnApp() {
    start(Map.of("MAIL_PROVIDER", "capture", "MAIL_FROM", "Acme <noreply@acme.test>"));

    MailReceipt receipt = app.get(WelcomeMailer.class).welcome("alice@example.com", "Alice");

    CaptureMailer outbox = app.get(CaptureMailer.class);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> outbox.sentTo("ALICE@example.com").size() == 1);
    Mail sent = outbox.last().orElseThrow();
    assertThat(sent.from()).contains(MailAddress.of("noreply@acme.test", "Acme"));
    assertThat(sent.subject()).contains("Welcome to Acme, Alice");
    assertThat(sent.idempotencyKey()).contains("welcome-alice@example.com");
    assertThat(receipt.provider()).isEqualTo("capture");
    assertThat(app.get(CaptureMailer.class)).isSameAs(outbox);
    assertThat(app.health().components().get("MailerAdapter").up()).isTrue();

    outbox.clear();
    assertThat(outbox.sent()).isEmpty();
  }

  @Test
  void shouldSendThroughSmtpAndReportHealth() throws Exception {
    start(
        Map.of(
            "MAIL_PROVIDER", "smtp",
            "MAIL_SMTP_HOST", "127.0.0.1",
            "MAIL_SMTP_PORT", Integer.toString(greenMail.getSmtp().getPort()),
            "MAIL_SMTP_TLS", "none"));

    app.get(MailerService.class)
        .send(Mail.builder().to("bob@example.com").subject("Via app").text("hello").build());

    assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("Via app");
    assertThat(app.health().components().get("MailerAdapter").up()).isTrue();
    assertThat(app.health().components().get("MailerAdapter").detail()).contains("NOOP");
  }

  @Test
  void shouldReportSmtpDownWhenTheServerIsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    start(
        Map.of(
            "MAIL_PROVIDER", "smtp",
            "MAIL_SMTP_HOST", "127.0.0.1",
            "MAIL_SMTP_PORT", Integer.toString(closedPort),
            "MAIL_SMTP_TLS", "none",
            "MAIL_CONNECT_TIMEOUT", "1s"));

    assertThat(app.health().components().get("MailerAdapter").up()).isFalse();
    assertThatThrownBy(
            () ->
                app.get(MailerService.class)
                    .send(Mail.builder().to("bob@example.com").subject("x").text("y").build()))
        .isInstanceOf(MailException.class)
        .hasMessageContaining("cannot connect");
  }

  @Test
  void shouldDryRunWhenMailIsDisabled() {
    CaptureMailer wouldSend = new CaptureMailer();
    Settings settings = Settings.of(Map.of("MAIL_ENABLED", "false"));
    start(Map.of(), new MailerAdapter(MailerSettings.from(settings)).withProvider(wouldSend));

    MailReceipt receipt =
        app.get(MailerService.class)
            .send(Mail.builder().to("bob@example.com").subject("x").text("y").build());

    assertThat(receipt.provider()).isEqualTo("dry-run");
    assertThat(wouldSend.count()).isZero();
    assertThat(app.health().components().get("MailerAdapter").detail())
        .contains("MAIL_ENABLED=false")
        .contains("capture");
    assertThatThrownBy(
            () ->
                app.get(MailerService.class)
                    .send(Mail.builder().to("bob@example.com").subject("x").build()))
        .as("a dry run still validates")
        .isInstanceOf(InvalidMailException.class);
  }

  @Test
  void shouldUseConsoleByDefault() {
    start(new HashMap<>());

    MailReceipt receipt =
        app.get(MailerService.class)
            .send(Mail.builder().to("bob@example.com").subject("x").text("y").build());

    assertThat(receipt.provider()).isEqualTo("console");
    assertThat(receipt.accepted()).containsExactly(MailAddress.of("bob@example.com"));
  }

  @Test
  void shouldExplainWhyCaptureMailerIsMissing() {
    start(Map.of("MAIL_PROVIDER", "console"));

    assertThatThrownBy(() -> app.get(CaptureMailer.class))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("MAIL_PROVIDER=capture");
  }

  @Test
  void shouldBeListedBeforeAdaptersThatNeedTheMailer() {
    Adapter queueLike =
        new Adapter() {
          @Override
          public String name() {
            return "QueueAdapter";
          }

          @Override
          public Module module() {
            return binder -> {};
          }

          @Override
          public Set<Key<?>> requires() {
            return Set.of(Key.get(MailerService.class));
          }
        };
    MailerAdapter mailer = new MailerAdapter(MailerSettings.from(Settings.of(Map.of())));

    assertThatThrownBy(() -> start(Map.of(), queueLike, mailer))
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining("MailerAdapter")
        .hasMessageContaining("QueueAdapter");
  }

  @Test
  void shouldCloseTheProviderOnStopOnce() {
    int[] closes = {0};
    CaptureMailer capture = new CaptureMailer();
    MailerAdapter adapter =
        new MailerAdapter(MailerSettings.from(Settings.of(Map.of())))
            .withProvider(
                new dev.errand.mailer.spi.MailProvider() {
                  @Override
                  public String name() {
                    return "counting";
                  }

                  @Override
                  public MailReceipt send(Mail mail) {
                    return capture.send(mail);
                  }

                  @Override
                  public void close() {
                    closes[0]++;
                  }
                });
    start(Map.of(), adapter);

    app.stop();
    app.stop();

    assertThat(closes[0]).isEqualTo(1);
    assertThatThrownBy(() -> adapter.withClock(java.time.Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "MailerAdapter.withClock(..) was called after the adapter became part");
  }
}
