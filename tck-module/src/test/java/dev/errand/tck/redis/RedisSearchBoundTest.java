package dev.errand.tck.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobSearch;
import dev.errand.queue.JobState;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.testsupport.TestServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A payload search on Redis looks through at most 10,000 jobs a call, newest first, and says when
 * it stopped there, as the README states; what it counts on the way.
 */
class RedisSearchBoundTest {

  @RegisterExtension final TestRedis redis = new TestRedis();

  @Test
  void shouldLookThroughAtMostTenThousandJobsACall() {
    QueueBackend backend = redis.queueBackend();
    String queue = TestServers.unique("search");
    List<JobDraft> drafts = new ArrayList<>();
    drafts.add(new JobDraft("job", "{\"customer\":\"oldest\"}", null, null, 0, null));
    for (int i = 0; i < 10_100; i++) {
      drafts.add(new JobDraft("job", "{\"n\":" + i + "}", null, null, 0, null));
    }
    drafts.add(new JobDraft("job", "{\"customer\":\"newest\"}", null, null, 0, null));
    for (int from = 0; from < drafts.size(); from += 1000) {
      backend.add(queue, drafts.subList(from, Math.min(drafts.size(), from + 1000)));
    }

    JobSearch waiting = backend.admin().search(queue, "customer", JobState.WAITING, 50);
    assertThat(waiting.scanned()).isEqualTo(10_000);
    assertThat(waiting.complete()).isFalse();
    // Waiting jobs are looked through in the order they will run: the oldest first.
    assertThat(waiting.jobs())
        .extracting(JobInfo::payload)
        .containsExactly("{\"customer\":\"oldest\"}");

    // The limit stops the scan at the job that reached it: here n=5, n=50 and n=51, the 53rd job.
    JobSearch three = backend.admin().search(queue, "\"N\":5", JobState.WAITING, 3);
    assertThat(three.jobs()).hasSize(3);
    assertThat(three.scanned()).isEqualTo(53);
    assertThat(three.complete()).isFalse();

    // Text outside ASCII is matched in Java rather than in Redis, within the same bound.
    JobSearch accented = backend.admin().search(queue, "cüstomer", JobState.WAITING, 50);
    assertThat(accented.jobs()).isEmpty();
    assertThat(accented.scanned()).isEqualTo(10_000);
    assertThat(accented.complete()).isFalse();

    JobSearch none = backend.admin().search(queue, "customer", JobState.COMPLETED, 50);
    assertThat(none.scanned()).isZero();
    assertThat(none.complete()).isTrue();
    backend.close();
  }

  @Test
  void shouldLookThroughLargePayloadsInShortCalls() {
    // 40 payloads of 100 kB: a script call stops after about half a megabyte of them and the search
    // goes on where it stopped, so it still looks at every job once and finds the oldest.
    QueueBackend backend = redis.queueBackend();
    String queue = TestServers.unique("search");
    String filler = "x".repeat(100_000);
    List<JobDraft> drafts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String payload = "{\"n\":" + i + ",\"text\":\"" + filler + (i == 0 ? "needle" : "") + "\"}";
      drafts.add(new JobDraft("job", payload, null, null, 0, null));
    }
    backend.add(queue, drafts);

    JobSearch found = backend.admin().search(queue, "NEEDLE", null, 50);
    assertThat(found.jobs()).extracting(JobInfo::payload).allMatch(p -> p.startsWith("{\"n\":0,"));
    assertThat(found.jobs()).hasSize(1);
    assertThat(found.scanned()).isEqualTo(40);
    assertThat(found.complete()).isTrue();
    backend.close();
  }

  /**
   * Whether Redis matches in its script (ASCII text) or in Java (any other text), where the matches
   * of a page are built into jobs together, each job is looked at once and the count stops at the
   * job that fills the limit.
   */
  @Test
  void shouldCountUpToTheJobThatFillsTheLimitInRunOrder() {
    QueueBackend backend = redis.queueBackend();
    String queue = TestServers.unique("search-order");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String payload = i % 2 == 1 ? "{\"tag\":\"W\u00e4nted-" + i + "\"}" : "{\"tag\":\"other\"}";
      ids.add(
          backend.add(queue, List.of(new JobDraft("job", payload, null, null, 0, null))).get(0));
    }

    for (String text : List.of("w\u00c4nted", "NTED-")) {
      JobSearch first = backend.admin().search(queue, text, JobState.WAITING, 1);
      assertThat(first.jobs()).as(text).extracting(JobInfo::id).containsExactly(ids.get(1));
      assertThat(first.scanned()).as(text).isEqualTo(2);
      assertThat(first.complete()).as(text).isFalse();

      JobSearch all = backend.admin().search(queue, text, JobState.WAITING, 50);
      assertThat(all.jobs())
          .as(text)
          .extracting(JobInfo::id)
          .containsExactly(ids.get(1), ids.get(3));
      assertThat(all.scanned()).as(text).isEqualTo(5);
      assertThat(all.complete()).as(text).isTrue();
    }
    backend.close();
  }
}
