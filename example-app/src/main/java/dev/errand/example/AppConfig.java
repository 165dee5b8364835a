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
import java.util.Map;

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

  /**
   * The use cases add their jobs in their own transaction: with the queue on Redis or in memory
   * that takes the outbox, on unless {@code JOBS_OUTBOX} says otherwise (postgres needs none).
   */
  static Settings withOutbox(Settings settings) {
    return settings.with(Map.of("JOBS_OUTBOX", settings.get("JOBS_OUTBOX").orElse("true")));
  }

  public static List<Adapter> adapters(Settings settings) {
    return List.of(
        new DatabaseAdapter(DatabaseSettings.from(settings)),
        new MailerAdapter(MailerSettings.from(settings)),
        new QueueAdapter(QueueSettings.from(withOutbox(settings)), JOB_PACKAGE),
        new CronAdapter(CronSettings.from(settings), CRON_PACKAGE),
        new HttpApiAdapter(settings),
        new DevToolsAdapter(DevToolsSettings.from(settings)));
  }
}
