package dev.errand.database;

import dev.errand.core.Settings;
import dev.errand.core.SettingsException;
import dev.errand.database.internal.JdbcUrls;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link DatabaseAdapter} connects.
 *
 * <p>With no {@code DATABASE_URL} the application gets an embedded in-memory H2 database, so it
 * runs with nothing installed. A {@code jdbc:postgresql:} URL selects PostgreSQL.
 *
 * @param url the JDBC URL ({@code DATABASE_URL}; default an in-memory H2 database)
 * @param user the user ({@code DATABASE_USER}; default {@code sa} on H2, none otherwise)
 * @param password the password ({@code DATABASE_PASSWORD}; never logged)
 * @param poolSize the largest number of pooled connections ({@code DATABASE_POOL_SIZE}, default 10)
 * @param connectTimeout how long to wait for a connection ({@code DATABASE_CONNECT_TIMEOUT}, 10s)
 * @param migrations Flyway locations of the application's migrations ({@code DATABASE_MIGRATIONS},
 *     comma-separated, default {@code classpath:db/migration}); {@code none} or empty runs none
 * @param baselineOnMigrate whether a database that already holds tables but no migration history is
 *     adopted as it is, its existing state taken as the baseline, before the migrations run ({@code
 *     DATABASE_BASELINE_ON_MIGRATE}, default false: such a database fails the start)
 */
public record DatabaseSettings(
    String url,
    String user,
    String password,
    int poolSize,
    Duration connectTimeout,
    List<String> migrations,
    boolean baselineOnMigrate) {

  public static final String EMBEDDED_URL = "jdbc:h2:mem:errand;DB_CLOSE_DELAY=-1";
  public static final String DEFAULT_MIGRATIONS = "classpath:db/migration";

  public DatabaseSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    migrations = List.copyOf(migrations);
    if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      throw new SettingsException(
          "DATABASE_URL",
          JdbcUrls.redact(url),
          "a jdbc:postgresql://host[:port]/database URL, a jdbc:h2: URL, or nothing for the"
              + " embedded H2 database");
    }
    if (poolSize < 1) {
      throw new SettingsException("DATABASE_POOL_SIZE", String.valueOf(poolSize), "1 or more");
    }
  }

  /** Reads the {@code DATABASE_*} settings. */
  public static DatabaseSettings from(Settings settings) {
    String url = settings.string("DATABASE_URL", EMBEDDED_URL);
    String defaultUser = url.startsWith("jdbc:h2:") ? "sa" : null;
    return new DatabaseSettings(
        url,
        settings.string("DATABASE_USER", defaultUser),
        settings.string("DATABASE_PASSWORD", null),
        settings.integer("DATABASE_POOL_SIZE", 10, 1, 1000),
        settings.duration("DATABASE_CONNECT_TIMEOUT", Duration.ofSeconds(10)),
        Arrays.stream(settings.string("DATABASE_MIGRATIONS", DEFAULT_MIGRATIONS).split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty() && !s.equalsIgnoreCase("none"))
            .toList(),
        settings.bool("DATABASE_BASELINE_ON_MIGRATE", false));
  }

  public static DatabaseSettings fromEnv() {
    return from(Settings.fromEnv());
  }

  /** The defaults: the embedded H2 database, default pool settings and migration location. */
  public static DatabaseSettings defaults() {
    return from(Settings.of(Map.of()));
  }

  /** A copy connecting to another URL as another user. */
  public DatabaseSettings withUrl(String url, String user, String password) {
    return new DatabaseSettings(
        url, user, password, poolSize, connectTimeout, migrations, baselineOnMigrate);
  }

  /** A copy running migrations from these Flyway locations instead. */
  public DatabaseSettings withMigrations(String... locations) {
    return new DatabaseSettings(
        url, user, password, poolSize, connectTimeout, List.of(locations), baselineOnMigrate);
  }

  /** A copy that adopts a database holding tables but no migration history (see the record). */
  public DatabaseSettings withBaselineOnMigrate(boolean baseline) {
    return new DatabaseSettings(
        url, user, password, poolSize, connectTimeout, migrations, baseline);
  }

  /** The URL with any password parameter masked, fit for logs and errors. */
  public String redactedUrl() {
    return JdbcUrls.redact(url);
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url="
        + redactedUrl()
        + ", user="
        + user
        + ", password="
        + (password == null ? "none" : "***")
        + ", poolSize="
        + poolSize
        + ", migrations="
        + migrations
        + "]";
  }
}
