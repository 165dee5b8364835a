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
 * it stopped there, as the README states.
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

    JobSearch none = backend.admin().search(queue, "customer", JobState.COMPLETED, 50);
    assertThat(none.scanned()).isZero();
    assertThat(none.complete()).isTrue();
    backend.close();
  }
}
