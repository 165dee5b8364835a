package dev.errand.queue.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisScript;
import dev.errand.core.RedisSettings;
import dev.errand.queue.JobEvent;
import dev.errand.queue.QueueCounts;
import dev.errand.queue.Retention;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.testsupport.TestServers;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two modes of {@code acknowledge-and-fetch.lua}: {@code ack} only records outcomes, {@code
 * fetch} also recovers expired leases and leases waiting jobs.
 */
class RedisAcknowledgeModeTest {

  private static final String QUEUE = "modes";
  private static final Duration SHORT_LEASE = Duration.ofMillis(500);
  private static final Duration LONG_LEASE = Duration.ofSeconds(30);

  private final ErrandRedis redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()));
  private final String prefix = TestServers.unique("errand-modes");
  private final RedisBackend backend = new RedisBackend(redis, prefix, Clock.systemUTC());

  @AfterEach
  void close() {
    backend.close();
    redis.close();
  }

  private String addOne(String name) {
    return backend.add(QUEUE, List.of(new JobDraft(name, "{}", null, null, 0, null))).get(0);
  }

  private long serverMillis() {
    List<String> time = redis.commands().time();
    return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
  }

  @Test
  void shouldLeaveExpiredLeasesAndWaitingJobsToTheNextFetchWhenOnlyAcknowledging() {
    String stalled = addOne("stalls");
    String finished = addOne("finishes");
    backend.fetch(QUEUE, new Lease("gone-worker", SHORT_LEASE, 1), 1);
    long leaseEnds = serverMillis() + SHORT_LEASE.toMillis();
    LeasedJob running = backend.fetch(QUEUE, new Lease("acker", LONG_LEASE, 1), 1).jobs().get(0);
    String waiting = addOne("waits");
    await().atMost(Duration.ofSeconds(5)).until(() -> serverMillis() > leaseEnds);

    assertThat(running.id()).isEqualTo(finished);
    assertThat(
            backend.acknowledge(
                QUEUE, "acker", List.of(new Ack.Complete(finished, null, Retention.keepAll()))))
        .isEmpty();
    QueueCounts afterAck = backend.admin().counts(QUEUE);
    assertThat(afterAck.completed()).isEqualTo(1);
    assertThat(afterAck.active()).as("the expired lease is left to the next fetch").isEqualTo(1);
    assertThat(afterAck.waiting()).as("an acknowledgement leases nothing").isEqualTo(1);

    Fetched next = backend.fetch(QUEUE, new Lease("next-worker", LONG_LEASE, 1), 10);
    assertThat(next.events())
        .extracting(JobEvent::type, JobEvent::id)
        .containsExactly(tuple(JobEvent.Type.STALLED, stalled));
    assertThat(next.jobs()).extracting(LeasedJob::id).containsExactly(stalled, waiting);
  }

  @Test
  void shouldRefuseAnUnknownModeNamingIt() {
    RedisScript script = RedisBackend.script("acknowledge-and-fetch");
    QueueKeys keys = new QueueKeys(prefix, QUEUE);

    assertThatThrownBy(
            () ->
                script.run(
                    redis.commands(),
                    ScriptOutputType.MULTI,
                    keys.scriptKeys(),
                    keys.scriptArgs("sweep", "token", "", "0", "0", "0")))
        .hasMessageContaining("unknown mode sweep");
  }
}
