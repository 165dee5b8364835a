package dev.errand.mailer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.ProvisionException;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Settings given once, to the application, reach a mailer built without settings of its own. */
class MailerAdapterAppSettingsTest {

  private ErrandApp app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  private ErrandApp start(MailerAdapter mailer) {
    app =
        ErrandApp.builder()
            .settings(Settings.of(Map.of("MAIL_PROVIDER", "capture")))
            .shutdownHook(false)
            .adapters(mailer)
            .start();
    return app;
  }

  @Test
  void shouldReadMailProviderCaptureFromTheApplicationsSettings() {
    start(new MailerAdapter());

    app.get(MailerService.class)
        .send(Mail.builder().to("ada@example.com").subject("Hi").text("Hello").build());

    assertThat(app.get(CaptureMailer.class).sentTo("ada@example.com")).hasSize(1);
    assertThat(app.get(MailerSettings.class).provider()).isEqualTo(MailerSettings.Provider.CAPTURE);
  }

  @Test
  void shouldLetSettingsGivenToTheAdapterWinOverTheApplicationsSettings() {
    start(new MailerAdapter(MailerSettings.defaults()));

    assertThat(app.get(MailerSettings.class).provider()).isEqualTo(MailerSettings.Provider.CONSOLE);
    assertThatThrownBy(() -> app.get(CaptureMailer.class))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("MAIL_PROVIDER=capture");
  }

  @Test
  void shouldRefuseOptionChangesOnceTheApplicationIsBuilt() {
    MailerAdapter mailer = new MailerAdapter();
    start(mailer);

    assertThatThrownBy(() -> mailer.withClock(Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MailerAdapter.withClock(..)")
        .hasMessageContaining("before ErrandApp.builder().adapters(..).start()");
  }
}
