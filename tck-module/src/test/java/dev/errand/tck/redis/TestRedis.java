package dev.errand.tck.redis;

import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.core.Settings;
import dev.errand.cron.internal.redis.RedisCronStore;
import dev.errand.cron.internal.schedules.RedisScheduleStore;
import dev.errand.cron.spi.CronStore;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.internal.redis.RedisBackend;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.ContractProcessor;
import dev.errand.testsupport.TestServers;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared Redis, for one test: every backend and store it hands out works under the test's own
 * key prefix, with a client of its own as a separate process would have. After the test (and after
 * the suite has stopped its applications) the keys are deleted and the clients closed. Its static
 * helpers serve the Redis tests that configure the backend through settings instead.
 */
final class TestRedis implements AfterEachCallback {

  private final String prefix = TestServers.unique("errand-tck");
  private final List<ErrandRedis> clients = new CopyOnWriteArrayList<>();
  private final Supplier<String> url;

  /** On the shared Redis server. */
  TestRedis() {
    this(TestServers::redisUrl);
  }

  private TestRedis(Supplier<String> url) {
    this.url = url;
  }

  /**
   * On a private three-master Redis Cluster, started once for the whole test run (its nodes are
   * stopped when the JVM exits): keys of different queues and cron jobs land on different masters.
   */
  static TestRedis onCluster() {
    return new TestRedis(SharedCluster::url);
  }

  QueueBackend queueBackend() {
    return new RedisBackend(client(), prefix, Clock.systemUTC());
  }

  CronStore cronStore() {
    return new RedisCronStore(client(), prefix + ":cron");
  }

  ScheduleStore scheduleStore() {
    return new RedisScheduleStore(client(), prefix + ":cron");
  }

  private ErrandRedis client() {
    ErrandRedis redis = new ErrandRedis(RedisSettings.of(url.get()));
    clients.add(redis);
    return redis;
  }

  /**
   * An application whose queue layer takes its backend from {@code settings} ({@code
   * JOBS_BACKEND=redis}), with {@link ContractProcessor} on the {@code contract} queue.
   */
  static ErrandApp startApp(Settings settings) {
    return ErrandApp.builder()
        .settings(settings)
        .adapters(
            new QueueAdapter(QueueSettings.from(settings)).withClasses(ContractProcessor.class))
        .shutdownHook(false)
        .start();
  }

  /** The keys matching {@code pattern}, scanned rather than listed with KEYS. */
  static List<String> keys(RedisClusterCommands<String, String> redis, String pattern) {
    List<String> keys = new ArrayList<>();
    ScanIterator.scan(redis, ScanArgs.Builder.matches(pattern).limit(1000))
        .forEachRemaining(keys::add);
    return keys;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!clients.isEmpty()) {
      RedisClusterCommands<String, String> redis = clients.get(0).commands();
      List<String> keys = keys(redis, prefix + ":*");
      if (!keys.isEmpty()) {
        redis.del(keys.toArray(String[]::new));
      }
    }
    clients.forEach(ErrandRedis::close);
  }
}
