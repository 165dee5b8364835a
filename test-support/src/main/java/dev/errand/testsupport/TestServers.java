package dev.errand.testsupport;

import java.util.Map;
import java.util.UUID;

/**
 * Where Errand's integration tests find the shared servers, and names that keep tests apart.
 *
 * <p>{@code REDIS_URL} (default {@code redis://127.0.0.1:6379}) and {@code TEST_DATABASE_URL}
 * (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code TEST_DATABASE_USER}, default
 * {@code postgres}) may be set in the environment or as system properties.
 */
public final class TestServers {

  private TestServers() {}

  public static String redisUrl() {
    return setting("REDIS_URL", "redis://127.0.0.1:6379");
  }

  public static String postgresUrl() {
    return setting("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  }

  public static String postgresUser() {
    return setting("TEST_DATABASE_USER", "postgres");
  }

  public static String postgresPassword() {
    return setting("TEST_DATABASE_PASSWORD", "");
  }

  /**
   * The settings of an application whose queue is on the shared Redis under {@code keyPrefix}, so
   * its keys (and its schedules, under {@code <keyPrefix>:cron}) are apart from other tests'.
   */
  public static Map<String, String> redisQueue(String keyPrefix) {
    return Map.of("JOBS_BACKEND", "redis", "REDIS_URL", redisUrl(), "JOBS_KEY_PREFIX", keyPrefix);
  }

  /** A name no other test uses, e.g. {@code prefix-3f2a9c1b}: for queues, keys and schemas. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String setting(String name, String defaultValue) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      value = System.getenv(name);
    }
    return value == null || value.isBlank() ? defaultValue : value;
  }
}
