package dev.errand.architecture.readme;

import dev.errand.core.ErrandApp;
import dev.errand.core.spi.Adapter;
import dev.errand.cron.CronAdapter;
import dev.errand.database.DatabaseAdapter;
import dev.errand.devtools.DevToolsAdapter;
import dev.errand.mailer.MailerAdapter;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import java.time.Duration;
import java.util.List;

/** The README's "app config" lines, each in the method of its section. */
final class AppConfigs {

  private AppConfigs() {}

  static Adapter database() {
    Adapter database = new DatabaseAdapter(); // H2 in memory unless DATABASE_URL is set
    return database;
  }

  static Adapter queue() {
    Adapter queue =
        new QueueAdapter(
                QueueSettings.fromEnv().withQueue("email", d -> d.withConcurrency(5)),
                "com.acme.jobs")
            .withBackoffStrategy("linear", (attempt, error) -> Duration.ofSeconds(10L * attempt));
    return queue;
  }

  static Adapter shardedQueue() {
    return new QueueAdapter("com.acme.jobs").withShards("events", 3);
  }

  static Adapter cron() {
    Adapter cron = new CronAdapter("com.acme.cron");
    return cron;
  }

  static Adapter mailer() {
    Adapter mailer = new MailerAdapter();
    return mailer;
  }

  static List<Adapter> devtools() {
    ErrandApp.builder()
        .adapters(
            new QueueAdapter("com.acme.jobs"),
            new CronAdapter("com.acme.cron"),
            new DevToolsAdapter()) // last: it watches the others
        .start();
    return List.of();
  }
}
