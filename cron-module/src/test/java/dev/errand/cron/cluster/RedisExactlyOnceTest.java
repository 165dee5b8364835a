package dev.errand.cron.cluster;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.core.Settings;
import dev.errand.cron.internal.redis.RedisCronStore;
import dev.errand.cron.spi.CronStore;
import dev.errand.testsupport.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

class RedisExactlyOnceTest extends ExactlyOnceContract {

  private final String prefix = TestServers.unique("errand-test:cron");
  private final List<ErrandRedis> clients = new ArrayList<>();

  @Override
  CronStore newStore() {
    ErrandRedis redis =
        new ErrandRedis(
            RedisSettings.from(Settings.of(Map.of("REDIS_URL", TestServers.redisUrl()))));
    clients.add(redis);
    return new RedisCronStore(redis, prefix);
  }

  @AfterEach
  void closeClients() {
    var commands = clients.getFirst().connection().sync();
    List<String> keys = commands.keys(prefix + ":*");
    if (!keys.isEmpty()) {
      commands.del(keys.toArray(String[]::new));
    }
    clients.forEach(ErrandRedis::close);
  }
}
