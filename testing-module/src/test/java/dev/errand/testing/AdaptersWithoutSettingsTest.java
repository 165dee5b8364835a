package dev.errand.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.cron.CronAdapter;
import dev.errand.mailer.MailerAdapter;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueService;
import dev.errand.testing.sample.Jobs;
import dev.errand.testing.sample.ReminderCron;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Adapters built without settings of their own read the test's (MAIL_PROVIDER=capture, the memory
 * queue): before, they read the environment and the mail went to the console mailer.
 */
class AdaptersWithoutSettingsTest {

  @RegisterExtension
  static final ErrandExtension errand =
      ErrandExtension.builder()
          .adapters(
              settings ->
                  List.of(
                      new MailerAdapter(),
                      new QueueAdapter(Jobs.class.getPackageName()),
                      new CronAdapter().withClasses(ReminderCron.class)))
          .build();

  @Test
  void shouldGiveTheTestsSettingsToAdaptersBuiltWithoutSettings() {
    errand.get(QueueService.class).add(Jobs.WELCOME, new Jobs.Welcome("ada@example.com", "Ada"));

    errand.drain();

    assertThat(errand.mails().sentTo("ada@example.com")).hasSize(1);
  }
}
