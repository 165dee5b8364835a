package dev.errand.tck.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.tck.queue.ContractProcessor;
import dev.errand.tck.queue.Recorder;
import dev.errand.tck.queue.Work;
import dev.errand.testsupport.RedisServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workers and producers recover by themselves when Redis drops them or restarts. */
class RedisOutageTest {

  private RedisServerProcess server;
  private ErrandApp app;

  @BeforeEach
  void startServerAndWorker() {
    server = RedisServerProcess.start();
    Settings settings =
        Settings.of(
            Map.of(
                "JOBS_BACKEND", "redis",
                "REDIS_URL", server.url(),
                "REDIS_COMMAND_TIMEOUT", "3s",
                "JOBS_LEASE_DURATION", "1s",
                "JOBS_STALLED_INTERVAL", "200ms",
                "JOBS_QUEUE_CONTRACT_CONCURRENCY", "4"));
    app = TestRedis.startApp(settings);
  }

  @AfterEach
  void stopAll() {
    app.stop();
    server.close();
  }

  private void addSlowJobs(String prefix, int count) {
    QueueService queue = app.get(QueueService.class);
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      jobs.add(ContractProcessor.WORK.job(Work.sleeping(prefix + i, 50)));
    }
    // While the connection comes back an add may fail; a caller would retry it.
    await()
        .pollDelay(Duration.ZERO)
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> queue.addBulk(jobs).size() == count);
  }

  private static long finished(Recorder recorder, String prefix) {
    return recorder.finished.stream().filter(k -> k.startsWith(prefix)).distinct().count();
  }

  @Test
  void shouldFinishTheRemainingJobsAfterTheServerKillsTheConnections() {
    Recorder recorder = app.get(Recorder.class);
    addSlowJobs("before-", 40);
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.finished.size() >= 8);

    String killed = server.command("CLIENT", "KILL", "TYPE", "normal");

    addSlowJobs("after-", 40);
    QueueAdmin admin = app.get(QueueAdmin.class);
    await().atMost(Duration.ofSeconds(30)).until(() -> admin.counts("contract").completed() == 80);
    assertThat(killed).isNotEqualTo(":0");
    assertThat(finished(recorder, "before-")).isEqualTo(40);
    assertThat(finished(recorder, "after-")).isEqualTo(40);
  }

  @Test
  void shouldProcessNewJobsAfterTheServerRestartsEmpty() {
    Recorder recorder = app.get(Recorder.class);
    addSlowJobs("before-", 20);
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.finished.size() >= 8);

    server.restart();

    addSlowJobs("after-", 20);
    await().atMost(Duration.ofSeconds(30)).until(() -> finished(recorder, "after-") == 20);
    QueueAdmin admin = app.get(QueueAdmin.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.counts("contract").completed() == 20);
  }

  @Test
  void shouldReloadItsScriptsWhenTheServerForgetsThem() {
    Recorder recorder = app.get(Recorder.class);
    addSlowJobs("before-", 10);
    await().atMost(Duration.ofSeconds(10)).until(() -> finished(recorder, "before-") == 10);

    assertThat(server.command("SCRIPT", "FLUSH")).isEqualTo("+OK");

    addSlowJobs("after-", 10);
    await().atMost(Duration.ofSeconds(10)).until(() -> finished(recorder, "after-") == 10);
  }
}
