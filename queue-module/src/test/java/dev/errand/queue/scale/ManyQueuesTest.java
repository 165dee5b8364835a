package dev.errand.queue.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One process consuming hundreds of queues, as an application with a queue per tenant does: it must
 * cost a few platform threads and two connections in all, and a job added to any idle queue must
 * start at once, woken through the one pub/sub connection.
 *
 * <p>On a private {@code redis-server}, so that {@code CLIENT LIST} shows this application's
 * connections and nobody else's.
 */
class ManyQueuesTest {

  static final List<String> QUEUES =
      IntStream.range(0, 500).mapToObj(i -> String.format("tenant-%03d", i)).toList();

  private RedisServerProcess server;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;
  private ErrandApp app;

  @BeforeEach
  void startRedis() {
    server = RedisServerProcess.start();
    client = RedisClient.create(server.url());
    connection = client.connect();
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
    connection.close();
    client.shutdown();
    server.close();
  }

  @Test
  void shouldRunFiveHundredQueuesOnAFewThreadsAndConnections() {
    app = startApp();
    RedisCommands<String, String> redis = connection.sync();
    awaitEveryWorkerIdle(redis);

    assertThat(queuePlatformThreads()).as("platform threads named errand-queue*").isLessThan(17);
    assertThat(appConnections(redis)).as("the application's connections to Redis").isEqualTo(2);

    QueueService queue = app.get(QueueService.class);
    TenantProcessor.Runs runs = app.get(TenantProcessor.Runs.class);
    Random random = new Random();
    for (int i = 0; i < 20; i++) {
      String tenant = QUEUES.get(random.nextInt(QUEUES.size()));
      String id = queue.add(tenant, "sync", Map.of("n", i));
      // Well within JOBS_IDLE_CHECK_INTERVAL (2 minutes): only a wake-up starts it this soon.
      await().atMost(Duration.ofSeconds(5)).until(() -> runs.ran(tenant, id));
    }
    assertThat(appConnections(redis)).as("connections after the adds").isEqualTo(2);
  }

  @Test
  void shouldStartAJobAddedWhileThePubSubConnectionReconnects() {
    app = startApp();
    RedisCommands<String, String> redis = connection.sync();
    awaitEveryWorkerIdle(redis);
    QueueService queue = app.get(QueueService.class);
    TenantProcessor.Runs runs = app.get(TenantProcessor.Runs.class);

    // The wake-up of an add made while the subscription is gone is lost; subscribing again makes
    // every idle worker look.
    redis.clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
    String id = queue.add("tenant-123", "sync", Map.of("n", 1));

    await().atMost(Duration.ofSeconds(10)).until(() -> runs.ran("tenant-123", id));
    String later = queue.add("tenant-321", "sync", Map.of("n", 2));
    await().atMost(Duration.ofSeconds(5)).until(() -> runs.ran("tenant-321", later));
  }

  private ErrandApp startApp() {
    Settings settings =
        Settings.of(
            Map.of(
                "JOBS_BACKEND", "redis",
                "REDIS_URL", server.url(),
                "JOBS_CONCURRENCY", "2"));
    return ErrandApp.builder()
        .settings(settings)
        .adapters(
            new QueueAdapter(QueueSettings.from(settings))
                .withClasses(TenantProcessor.class)
                .withSameHandlers(QUEUES.get(0), QUEUES.subList(1, QUEUES.size())))
        .shutdownHook(false)
        .start();
  }

  /** Until every queue's worker has fetched once and registered as idle. */
  private static void awaitEveryWorkerIdle(RedisCommands<String, String> redis) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> redis.keys("errand:{tenant-*}:idle").size() == QUEUES.size());
  }

  private static long queuePlatformThreads() {
    // Thread.getAllStackTraces() lists platform threads only; the workers' loops are virtual.
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.isVirtual() && t.getName().startsWith("errand-queue"))
        .count();
  }

  /** Every client connection Redis has but the test's own. */
  private static long appConnections(RedisCommands<String, String> redis) {
    long self = redis.clientId();
    return redis.clientList().lines().filter(line -> !line.startsWith("id=" + self + " ")).count();
  }
}
