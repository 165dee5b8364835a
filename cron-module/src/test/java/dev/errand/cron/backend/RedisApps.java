package dev.errand.cron.backend;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.core.Settings;
import dev.errand.testsupport.TestServers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Applications whose queue and schedules live on the shared Redis under a test's own prefix. */
public final class RedisApps {

  private RedisApps() {}

  /**
   * The settings of such an application: the Redis queue under {@code <prefix>:jobs}, schedules
   * under {@code <prefix>:cron}, and the further settings given as name, value pairs.
   */
  public static Settings settings(String prefix, String... more) {
    Map<String, String> values = new HashMap<>();
    values.put("JOBS_BACKEND", "redis");
    values.put("REDIS_URL", TestServers.redisUrl());
    values.put("JOBS_KEY_PREFIX", prefix + ":jobs");
    values.put("CRON_REDIS_PREFIX", prefix + ":cron");
    for (int i = 0; i + 1 < more.length; i += 2) {
      values.put(more[i], more[i + 1]);
    }
    return Settings.of(values);
  }

  /** Deletes every key under {@code prefix}. */
  public static void deleteKeys(String prefix) {
    try (ErrandRedis redis =
        new ErrandRedis(
            RedisSettings.from(Settings.of(Map.of("REDIS_URL", TestServers.redisUrl()))))) {
      List<String> keys = redis.commands().keys(prefix + "*");
      if (!keys.isEmpty()) {
        redis.commands().del(keys.toArray(String[]::new));
      }
    }
  }
}
