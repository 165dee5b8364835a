package dev.errand.tck.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobListener;
import dev.errand.queue.Process;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueEvents;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * What a new user saw fail on a three-master cluster: five queues in one application, their slots
 * on different masters. Every queue must add, run, count and publish events, and health must be up.
 */
class ClusterManyQueuesTest {

  static final List<String> QUEUES = List.of("email", "reports", "billing", "search", "images");

  /** Which queue ran which job, whatever processor ran it. */
  @Singleton
  static final class Ran {
    final Set<String> jobs = ConcurrentHashMap.newKeySet();
  }

  @Job("email")
  static final class Email {
    @Inject Ran ran;

    @Process
    void run(Map<String, Object> payload, JobContext job) {
      ran.jobs.add(job.queue() + "/" + job.id());
    }
  }

  @Job("reports")
  static final class Reports {
    @Inject Ran ran;

    @Process
    void run(Map<String, Object> payload, JobContext job) {
      ran.jobs.add(job.queue() + "/" + job.id());
    }
  }

  @Job("billing")
  static final class Billing {
    @Inject Ran ran;

    @Process
    void run(Map<String, Object> payload, JobContext job) {
      ran.jobs.add(job.queue() + "/" + job.id());
    }
  }

  @Job("search")
  static final class Search {
    @Inject Ran ran;

    @Process
    void run(Map<String, Object> payload, JobContext job) {
      ran.jobs.add(job.queue() + "/" + job.id());
    }
  }

  @Job("images")
  static final class Images {
    @Inject Ran ran;

    @Process
    void run(Map<String, Object> payload, JobContext job) {
      ran.jobs.add(job.queue() + "/" + job.id());
    }
  }

  @Test
  void shouldRunTheJobsOfEveryQueueWhereverItsSlotLives() throws Exception {
    Settings settings =
        Settings.of(
            Map.of(
                "JOBS_BACKEND", "redis",
                "REDIS_URL", SharedCluster.url(),
                "JOBS_KEY_PREFIX", TestServers.unique("errand-many")));
    ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(
                new QueueAdapter(QueueSettings.from(settings))
                    .withClasses(
                        Email.class, Reports.class, Billing.class, Search.class, Images.class))
            .shutdownHook(false)
            .start();
    Set<String> heard = ConcurrentHashMap.newKeySet();
    JobListener completions =
        new JobListener() {
          @Override
          public void completed(JobEvent event) {
            heard.add(event.queue() + "/" + event.id());
          }
        };
    List<AutoCloseable> subscriptions = new ArrayList<>();
    for (String q : QUEUES) {
      subscriptions.add(app.get(QueueEvents.class).subscribe(q, completions));
    }
    try {
      QueueService queue = app.get(QueueService.class);
      Set<String> added = ConcurrentHashMap.newKeySet();
      for (String q : QUEUES) {
        for (int i = 0; i < 20; i++) {
          added.add(q + "/" + queue.add(q, "work", Map.of("n", i)));
        }
      }

      Ran ran = app.get(Ran.class);
      await().atMost(Duration.ofSeconds(20)).until(() -> ran.jobs.containsAll(added));
      await().atMost(Duration.ofSeconds(10)).until(() -> heard.containsAll(added));
      QueueAdmin admin = app.get(QueueAdmin.class);
      for (String q : QUEUES) {
        assertThat(admin.counts(q).completed()).as(q).isEqualTo(20);
      }
      assertThat(app.health().up()).isTrue();
    } finally {
      for (AutoCloseable subscription : subscriptions) {
        subscription.close();
      }
      app.stop();
    }
  }
}
