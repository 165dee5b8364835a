package dev.errand.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.postgres.TestPostgres;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.spi.JobDraft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Concurrent single adds share statements and commits: every add gets its own job, with its own id,
 * and each caller's jobs keep the order it added them in.
 */
class ConcurrentAddsTest {

  private static final int CALLERS = 32;
  private static final int EACH = 50;

  @RegisterExtension final TestPostgres postgres = new TestPostgres();

  @Test
  void shouldStoreEveryConcurrentAddOnceInTheOrderEachCallerAddedThem() throws Exception {
    PostgresBackend backend = postgres.backend();
    Set<String> ids = ConcurrentHashMap.newKeySet();
    List<Thread> callers = new ArrayList<>();
    for (int caller = 0; caller < CALLERS; caller++) {
      int c = caller;
      callers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = 0; i < EACH; i++) {
                      String payload = "{\"caller\":" + c + ",\"i\":" + i + "}";
                      ids.addAll(
                          backend.add(
                              "mail", List.of(new JobDraft("send", payload, null, null, 0, null))));
                    }
                  }));
    }
    for (Thread caller : callers) {
      // An add whose jobs no sender picked up would wait for ever.
      assertThat(caller.join(Duration.ofSeconds(60))).as("every caller's adds returned").isTrue();
    }

    assertThat(ids).hasSize(CALLERS * EACH);
    List<JobInfo> waiting = backend.admin().jobs("mail", JobState.WAITING, 0, CALLERS * EACH);
    assertThat(waiting).hasSize(CALLERS * EACH);
    for (int caller = 0; caller < CALLERS; caller++) {
      String mine = "{\"caller\":" + caller + ",";
      List<Long> order =
          waiting.stream()
              .filter(job -> job.payload().startsWith(mine))
              .map(job -> Long.parseLong(job.id()))
              .toList();
      assertThat(order).hasSize(EACH).isSortedAccordingTo(Comparator.naturalOrder());
    }
    backend.close();
  }
}
