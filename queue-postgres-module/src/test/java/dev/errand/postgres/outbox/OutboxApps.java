package dev.errand.postgres.outbox;

import com.google.inject.Module;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.database.DatabaseAdapter;
import dev.errand.database.DatabaseSettings;
import dev.errand.postgres.fixtures.Greetings;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.TestServers;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Applications with the outbox on: a database adapter first, then the queue on Redis or memory. */
final class OutboxApps {

  private OutboxApps() {}

  /** Settings for the queue on Redis under {@code keyPrefix}, the outbox in {@code databaseUrl}. */
  static Settings redis(String databaseUrl, String keyPrefix, String... more) {
    Map<String, String> values = new HashMap<>();
    values.put("JOBS_BACKEND", "redis");
    values.put("REDIS_URL", TestServers.redisUrl());
    values.put("JOBS_KEY_PREFIX", keyPrefix);
    values.put("JOBS_OUTBOX", "true");
    values.put("DATABASE_URL", databaseUrl);
    values.put("DATABASE_USER", TestServers.postgresUser());
    for (int i = 0; i < more.length; i += 2) {
      values.put(more[i], more[i + 1]);
    }
    return Settings.of(values);
  }

  static ErrandApp start(Settings settings) {
    return start(settings, Clock.systemUTC());
  }

  /** The same, the queue layer on {@code clock}, with the user's {@code modules}. */
  static ErrandApp start(Settings settings, Clock clock, Module... modules) {
    return ErrandApp.builder()
        .settings(settings)
        .modules(modules)
        .adapters(
            new DatabaseAdapter(DatabaseSettings.from(settings)),
            new QueueAdapter(QueueSettings.from(settings))
                .withClasses(Greetings.class)
                .withClock(clock))
        .shutdownHook(false)
        .start();
  }
}
