package dev.errand.queue.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandRedis;
import dev.errand.core.Settings;
import dev.errand.queue.JobAttempt;
import dev.errand.queue.JobInfo;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.TestServers;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker JVM killed with SIGKILL while it holds jobs: nothing is lost, nothing runs twice, and
 * each job's history shows the killed run as a stalled attempt of the killed process.
 */
class WorkerCrashTest {

  private static final int JOBS = 30;

  private final String prefix = TestServers.unique("errand-crash");
  private final List<ErrandApp> apps = new ArrayList<>();
  private Process child;

  @AfterEach
  void cleanUp() {
    if (child != null) {
      child.destroyForcibly();
    }
    apps.forEach(ErrandApp::stop);
  }

  private ErrandApp app(String enabled) {
    Settings settings = ChildWorker.CrashSettings.of(TestServers.redisUrl(), prefix, enabled);
    ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .modules(
                binder ->
                    binder
                        .bind(CrashProcessor.Mode.class)
                        .toInstance(new CrashProcessor.Mode(false, prefix + ":started")))
            .adapters(
                new QueueAdapter(QueueSettings.from(settings)).withClasses(CrashProcessor.class))
            .shutdownHook(false)
            .start();
    apps.add(app);
    return app;
  }

  @Test
  void shouldCompleteEveryJobExactlyOnceAfterAWorkerIsKilledHoldingJobs() throws Exception {
    ErrandApp producer = app("false");
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      jobs.add(NewJob.of("crash", "work", Map.of("n", i)));
    }
    List<String> ids = producer.get(QueueService.class).addBulk(jobs);

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ChildWorker.class.getName(),
                TestServers.redisUrl(),
                prefix)
            .redirectErrorStream(true)
            .redirectOutput(File.createTempFile("errand-child-worker", ".log"))
            .start();
    var redis = producer.get(ErrandRedis.class).commands();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> redis.scard(prefix + ":started") == 5 || !child.isAlive());
    assertThat(child.isAlive()).as("the child worker is running").isTrue();
    Set<String> held = redis.smembers(prefix + ":started");

    child.destroyForcibly().waitFor();
    ErrandApp survivor = app("true");

    QueueAdmin admin = survivor.get(QueueAdmin.class);
    await().atMost(Duration.ofSeconds(30)).until(() -> admin.counts("crash").completed() == JOBS);
    assertThat(CrashProcessor.COMPLETIONS.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(CrashProcessor.COMPLETIONS.values()).allSatisfy(n -> assertThat(n.get()).isOne());
    long killed = child.pid();
    long survivorPid = ProcessHandle.current().pid();
    for (String id : held) {
      JobInfo job = admin.job("crash", id).orElseThrow();
      assertThat(job.stalls()).isEqualTo(1);
      assertThat(job.attemptsMade()).isEqualTo(2);
      // The killed run is in the job's history too: stalled, under the process that was killed.
      List<JobAttempt> attempts = job.attempts();
      assertThat(attempts).extracting(JobAttempt::attempt).containsExactly(1, 2);
      JobAttempt cutOff = attempts.get(0);
      assertThat(cutOff.worker()).endsWith("/" + killed);
      assertThat(cutOff.failure().exceptionClass()).isEqualTo("Stalled");
      assertThat(cutOff.failure().message())
          .isEqualTo(
              "The worker's lease expired (worker "
                  + cutOff.worker()
                  + " stopped or lost contact)");
      assertThat(attempts.get(1).worker()).endsWith("/" + survivorPid);
      assertThat(attempts.get(1).failure()).isNull();
    }
    assertThat(admin.counts("crash").dead()).isZero();
    assertThat(admin.counts("crash").active()).isZero();
    AtomicInteger total = new AtomicInteger();
    CrashProcessor.COMPLETIONS.values().forEach(n -> total.addAndGet(n.get()));
    assertThat(total.get()).isEqualTo(JOBS);
  }
}
