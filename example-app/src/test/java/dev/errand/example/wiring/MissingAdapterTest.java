package dev.errand.example.wiring;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Inject;
import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandStartupException;
import dev.errand.core.Settings;
import dev.errand.mailer.MailerService;
import dev.errand.queue.Job;
import dev.errand.queue.Process;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A processor that needs an adapter nobody listed: the error names the adapter to add. */
class MissingAdapterTest {

  @Job("email")
  static final class Mails {
    @Inject MailerService mailer;

    @Process
    void send(Map<String, Object> payload) {}
  }

  @Test
  void shouldNameTheAdapterThatProvidesAMissingService() {
    Settings settings = Settings.of(Map.of());
    assertThatThrownBy(
            () ->
                ErrandApp.builder()
                    .settings(settings)
                    .adapters(
                        new QueueAdapter(QueueSettings.from(settings)).withClasses(Mails.class))
                    .shutdownHook(false)
                    .start())
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining("MailerService")
        .hasMessageContaining("which MailerAdapter provides, but no MailerAdapter is listed")
        .hasMessageContaining("new MailerAdapter()")
        .hasMessageContaining("before QueueAdapter");
  }
}
