package dev.errand.queue.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.queue.Retention;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.testsupport.TestServers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lease set stays a skiplist, however few jobs run: as a listpack (Redis's form for small
 * sorted sets) every lease and acknowledgement walked the whole set, so Redis's work per job grew
 * with the workers' concurrency ({@code scripts/bench-workers valgrind}).
 */
class RedisLeaseSetEncodingTest {

  private static final String QUEUE = "leases";
  private static final Lease LEASE = new Lease("worker", Duration.ofSeconds(30), 1);

  private final ErrandRedis redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()));
  private final String prefix = TestServers.unique("errand-lease-set");
  private final RedisBackend backend = new RedisBackend(redis, prefix, Clock.systemUTC());
  private final String activeKey = new QueueKeys(prefix, QUEUE).scriptKeys()[2];

  @AfterEach
  void close() {
    backend.close();
    redis.close();
  }

  private void add(int jobs) {
    List<JobDraft> drafts = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      drafts.add(new JobDraft("job", "{}", null, null, 0, null));
    }
    backend.add(QUEUE, drafts);
  }

  private String encoding() {
    return redis.commands().objectEncoding(activeKey);
  }

  @Test
  void shouldKeepTheLeaseSetASkiplistWithOnlyItsLeasesInIt() {
    add(3);

    List<LeasedJob> leased = backend.fetch(QUEUE, LEASE, 3).jobs();

    assertThat(encoding()).isEqualTo("skiplist");
    assertThat(redis.commands().zrange(activeKey, 0, -1))
        .containsExactlyInAnyOrderElementsOf(leased.stream().map(LeasedJob::id).toList());
    assertThat(backend.admin().counts(QUEUE).active()).isEqualTo(3);
  }

  @Test
  void shouldTurnTheLeaseSetAgainWhenItEmptiedAndCameBack() {
    add(1);
    LeasedJob first = backend.fetch(QUEUE, LEASE, 1).jobs().get(0);
    backend.acknowledge(
        QUEUE, "worker", List.of(new Ack.Complete(first.id(), null, Retention.keepAll())));
    assertThat(redis.commands().exists(activeKey)).as("an empty set is deleted").isZero();

    add(1);
    backend.fetch(QUEUE, LEASE, 1);

    assertThat(encoding()).isEqualTo("skiplist");
    assertThat(redis.commands().zcard(activeKey)).isEqualTo(1);
  }
}
