package dev.errand.cron.backend;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.core.Settings;
import dev.errand.cron.internal.redis.RedisCronStore;
import dev.errand.cron.spi.CronStore;
import dev.errand.testsupport.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stores on the shared Redis under a key prefix of their own, each with its own client. */
public final class RedisBackend implements StoreBackend {

  private final String prefix;
  private final List<ErrandRedis> clients = new ArrayList<>();

  public RedisBackend() {
    this(TestServers.unique("errand-test:cron"));
  }

  private RedisBackend(String prefix) {
    this.prefix = prefix;
  }

  /** Another handle on a backend a test already created (from a child process, say). */
  public static RedisBackend on(String prefix) {
    return new RedisBackend(prefix);
  }

  public String prefix() {
    return prefix;
  }

  @Override
  public CronStore newStore() {
    ErrandRedis redis =
        new ErrandRedis(
            RedisSettings.from(Settings.of(Map.of("REDIS_URL", TestServers.redisUrl()))));
    clients.add(redis);
    return new RedisCronStore(redis, prefix);
  }

  @Override
  public void close() {
    if (!clients.isEmpty()) {
      var commands = clients.getFirst().commands();
      List<String> keys = commands.keys(prefix + ":*");
      if (!keys.isEmpty()) {
        commands.del(keys.toArray(String[]::new));
      }
    }
    clients.forEach(ErrandRedis::close);
  }
}
