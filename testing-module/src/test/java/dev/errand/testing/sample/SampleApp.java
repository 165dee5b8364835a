package dev.errand.testing.sample;

import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import dev.errand.cron.CronAdapter;
import dev.errand.cron.CronSettings;
import dev.errand.mailer.MailerAdapter;
import dev.errand.mailer.MailerSettings;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import java.util.List;

/** The sample application the kit's tests run: mailer, queue and cron, as a user composes them. */
public final class SampleApp {

  private SampleApp() {}

  public static List<Adapter> adapters(Settings settings) {
    return List.of(
        new MailerAdapter(MailerSettings.from(settings)),
        new QueueAdapter(QueueSettings.from(settings), "dev.errand.testing.sample"),
        new CronAdapter(CronSettings.from(settings)).withClasses(ReminderCron.class));
  }
}
