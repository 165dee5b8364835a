package dev.errand.core.internal;

import com.google.inject.Key;
import java.util.Map;
import java.util.Optional;

/**
 * The services Errand's own adapters provide, by type name (core does not depend on the feature
 * modules), so that a class injecting one whose adapter is missing from the list fails with the
 * adapter to add instead of Guice's "No implementation was bound".
 */
final class KnownProviders {

  /**
   * @param adapter the adapter's class name
   * @param example how to construct it
   * @param artifact the Maven artifact it lives in
   */
  record Known(String adapter, String example, String artifact) {}

  private static final Known MAILER =
      new Known("MailerAdapter", "new MailerAdapter()", "errand-mailer");
  private static final Known QUEUE =
      new Known("QueueAdapter", "new QueueAdapter(\"your.jobs.package\")", "errand-queue");
  private static final Known CRON =
      new Known("CronAdapter", "new CronAdapter(\"your.cron.package\")", "errand-cron");
  private static final Known DATABASE =
      new Known("DatabaseAdapter", "new DatabaseAdapter()", "errand-database");

  private static final Map<String, Known> BY_TYPE =
      Map.of(
          "dev.errand.mailer.MailerService", MAILER,
          "dev.errand.queue.QueueService", QUEUE,
          "dev.errand.queue.QueueAdmin", QUEUE,
          "dev.errand.queue.QueueEvents", QUEUE,
          "dev.errand.cron.CronService", CRON,
          "javax.sql.DataSource", DATABASE);

  private KnownProviders() {}

  /** The Errand adapter that provides {@code key}, if it is one of theirs (no annotation). */
  static Optional<Known> of(Key<?> key) {
    if (key.getAnnotationType() != null) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_TYPE.get(key.getTypeLiteral().getRawType().getName()));
  }
}
