package dev.errand.queue.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.testsupport.TestServers;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How an idle worker waits on Redis: its fetch registers it in the queue's idle hash, the scripts
 * that make work ready publish the queue on the prefix's wake channel while someone is registered,
 * and the wait ends on that message.
 */
class RedisWakeupsTest {

  private static final String QUEUE = "wakes";
  private static final Lease LONG_LEASE = new Lease("worker", Duration.ofSeconds(30), 1);

  private final ErrandRedis redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()));
  private final String prefix = TestServers.unique("errand-wakes");
  private final RedisBackend backend = new RedisBackend(redis, prefix, Clock.systemUTC());
  private final QueueKeys keys = new QueueKeys(prefix, QUEUE);

  @AfterEach
  void close() {
    backend.close();
    redis.close();
  }

  private String addOne() {
    return backend.add(QUEUE, List.of(new JobDraft("job", "{}", null, null, 0, null))).get(0);
  }

  /** An idle wait on a thread of its own: earlier tests' waits may still hold shared pools. */
  private CompletableFuture<Void> idleWait(Duration timeout) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            backend.awaitJobs(QUEUE, timeout);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        task -> Thread.ofPlatform().daemon().start(task));
  }

  @Test
  void shouldWakeAWorkerThatFoundItsQueueEmptyWhenAJobIsAdded() {
    assertThat(backend.fetch(QUEUE, LONG_LEASE, 1).jobs()).isEmpty();
    assertThat(redis.commands().hexists(keys.idle(), "worker")).isTrue();
    assertThat(redis.commands().pttl(keys.idle())).isGreaterThan(60_000);

    CompletableFuture<Void> waiting = idleWait(Duration.ofMinutes(1));
    addOne();

    await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
  }

  @Test
  void shouldWakeThisProcesssIdleWorkerWhenItAddsAJobWithoutThePublishedWakeUp() {
    assertThat(backend.fetch(QUEUE, LONG_LEASE, 1).jobs()).isEmpty();
    // The first fetch subscribes, and the subscription's confirmation wakes every waiting worker;
    // a second fetch forgets that wake-up, which would end the wait below by itself.
    assertThat(backend.fetch(QUEUE, LONG_LEASE, 1).jobs()).isEmpty();
    // Without the idle hash the add publishes nothing: only the add's own local wake-up is left.
    redis.commands().del(keys.idle());
    String channel = QueueKeys.wakeChannel(prefix);
    ConcurrentLinkedQueue<String> heard = listen(channel);

    CompletableFuture<Void> waiting = idleWait(Duration.ofMinutes(1));
    addOne();

    await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
    assertThat(heard).as("nothing was published").isEmpty();
  }

  @Test
  void shouldNotWakeThisProcesssIdleWorkerForADelayedJob() {
    assertThat(backend.fetch(QUEUE, LONG_LEASE, 1).jobs()).isEmpty();
    assertThat(backend.fetch(QUEUE, LONG_LEASE, 1).jobs()).isEmpty();
    redis.commands().del(keys.idle());

    CompletableFuture<Void> waiting = idleWait(Duration.ofSeconds(10));
    backend.add(
        QUEUE,
        List.of(new JobDraft("job", "{}", null, null, 0, Instant.now().plus(Duration.ofHours(1)))));

    // Still waiting: nothing it could run was added.
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> !waiting.isDone());
  }

  @Test
  void shouldKeepAWakeUpThatArrivesBetweenTheFetchAndTheWait() {
    backend.fetch(QUEUE, LONG_LEASE, 1);
    String channel = QueueKeys.wakeChannel(prefix);
    ConcurrentLinkedQueue<String> heard = listen(channel);
    addOne();
    await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains(keys.base()));

    CompletableFuture<Void> waiting = idleWait(Duration.ofMinutes(1));

    await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
  }

  @Test
  void shouldDeregisterAWorkerWhoseFetchWasFullSoAddsPublishNothing() {
    backend.fetch(QUEUE, LONG_LEASE, 1);
    assertThat(redis.commands().exists(keys.idle())).isOne();
    addOne();

    assertThat(backend.fetch(QUEUE, LONG_LEASE, 1).jobs()).hasSize(1);

    assertThat(redis.commands().exists(keys.idle()))
        .as("with nobody idle, wake-worker.lua publishes nothing")
        .isZero();
  }

  @Test
  void shouldTellAWorkerAboutToWaitWhenTheFirstLeaseExpires() {
    addOne();
    backend.fetch(QUEUE, new Lease("other", Duration.ofSeconds(20), 1), 1);

    Fetched idle = backend.fetch(QUEUE, LONG_LEASE, 1);

    assertThat(idle.jobs()).isEmpty();
    assertThat(idle.nextDelayed())
        .isBetween(Instant.now().plusSeconds(15), Instant.now().plusSeconds(21));
  }

  @Test
  void shouldSayNothingFallsDueInAnEmptyQueue() {
    assertThat(backend.fetch(QUEUE, LONG_LEASE, 1).nextDelayed()).isNull();
  }

  private ConcurrentLinkedQueue<String> listen(String channel) {
    ConcurrentLinkedQueue<String> heard = new ConcurrentLinkedQueue<>();
    StatefulRedisPubSubConnection<String, String> pubsub = redis.connectPubSub();
    pubsub.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String on, String message) {
            heard.add(message);
          }
        });
    pubsub.sync().subscribe(channel);
    return heard;
  }
}
