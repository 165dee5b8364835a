package dev.errand.queue.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.queue.spi.JobDraft;
import dev.errand.testsupport.TestServers;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An add call that runs twice, as happens when the client sends it again after a reconnect, stores
 * its jobs once.
 */
class RedisAddReplayTest {

  private final ErrandRedis redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()));
  private final RedisBackend backend =
      new RedisBackend(redis, TestServers.unique("errand-replay"), Clock.systemUTC());

  @AfterEach
  void close() {
    backend.close();
    redis.close();
  }

  @Test
  void shouldReturnTheFirstRunsIdsWhenAnAddCallRunsAgain() throws Exception {
    List<JobDraft> drafts =
        List.of(
            new JobDraft("job", "{\"n\":1}", null, null, 0, null),
            new JobDraft("job", "{\"n\":2}", null, null, 0, null));

    List<String> first = backend.send("replayed", drafts, "call-1").get();
    List<String> again = backend.send("replayed", drafts, "call-1").get();
    List<String> other = backend.send("replayed", drafts, "call-2").get();

    assertThat(again).isEqualTo(first);
    assertThat(other).doesNotContainAnyElementsOf(first).hasSize(2);
    assertThat(backend.admin().counts("replayed").waiting()).isEqualTo(4);
  }

  @Test
  void shouldRememberCallerChosenIdsAcrossARepeatedCall() throws Exception {
    List<JobDraft> drafts =
        List.of(
            new JobDraft("job", "{}", null, "invoice-1", 0, null),
            new JobDraft("job", "{}", null, null, 0, null));

    List<String> first = backend.send("replayed-ids", drafts, "call-1").get();
    List<String> again = backend.send("replayed-ids", drafts, "call-1").get();

    assertThat(first.get(0)).isEqualTo("invoice-1");
    assertThat(again).isEqualTo(first);
    assertThat(backend.admin().counts("replayed-ids").waiting()).isEqualTo(2);
  }
}
