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

  private final String prefix = TestServers.unique("errand-test:cron");
  private final List<ErrandRedis> clients = new ArrayList<>();

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
      var commands = clients.getFirst().connection().sync();
      List<String> keys = commands.keys(prefix + ":*");
      if (!keys.isEmpty()) {
        commands.del(keys.toArray(String[]::new));
      }
    }
    clients.forEach(ErrandRedis::close);
  }
}
