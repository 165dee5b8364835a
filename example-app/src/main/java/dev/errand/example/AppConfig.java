package dev.errand.example;

import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import dev.errand.cron.CronAdapter;
import dev.errand.cron.CronSettings;
import dev.errand.database.DatabaseAdapter;
import dev.errand.database.DatabaseSettings;
import dev.errand.devtools.DevToolsAdapter;
import dev.errand.devtools.DevToolsSettings;
import dev.errand.example.http.HttpApiAdapter;
import dev.errand.mailer.MailerAdapter;
import dev.errand.mailer.MailerSettings;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import java.util.List;

/**
 * The tracker's layers, in the order they start. The order matters and Errand checks it: the
 * processors send mail, so the mailer comes before the queue; the cron jobs dispatch to queues, so
 * the queue comes before cron; the HTTP API uses everything, so it comes after them; the dashboard
 * (off unless {@code DEVTOOLS_ENABLED=true}) watches every layer, so it comes last.
 */
public final class AppConfig {

  public static final String JOB_PACKAGE = "dev.errand.example.jobs";
  public static final String CRON_PACKAGE = "dev.errand.example.cron";

  private AppConfig() {}

  public static List<Adapter> adapters(Settings settings) {
    return List.of(
        new DatabaseAdapter(DatabaseSettings.from(settings)),
        new MailerAdapter(MailerSettings.from(settings)),
        new QueueAdapter(QueueSettings.from(settings), JOB_PACKAGE),
        new CronAdapter(CronSettings.from(settings), CRON_PACKAGE),
        new HttpApiAdapter(settings),
        new DevToolsAdapter(DevToolsSettings.from(settings)));
  }
}
