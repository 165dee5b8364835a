package dev.errand.postgres.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.postgres.TestPostgres;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.WorkerProcess;
import dev.errand.testsupport.TestServers;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker JVM on the PostgreSQL backend killed with SIGKILL while it holds leases: every job
 * completes, none is lost, none runs twice; its heartbeat lists it with the jobs it runs until its
 * lease runs out after the kill.
 */
class WorkerCrashTest {

  private static final int JOBS = 30;

  @RegisterExtension final TestPostgres postgres = new TestPostgres();
  private final List<ErrandApp> apps = new ArrayList<>();
  private Process child;

  @AfterEach
  void cleanUp() {
    if (child != null) {
      child.destroyForcibly();
    }
    apps.forEach(ErrandApp::stop);
  }

  @Test
  void shouldCompleteEveryJobExactlyOnceAfterAWorkerIsKilledHoldingLeases() throws Exception {
    ErrandApp producer = ChildWorker.start(postgres.url(), TestServers.postgresUser(), false);
    apps.add(producer);
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      jobs.add(NewJob.of("crash", "work", Map.of("n", i)));
    }
    List<String> ids = producer.get(QueueService.class).addBulk(jobs);
    QueueAdmin admin = producer.get(QueueAdmin.class);

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ChildWorker.class.getName(),
                postgres.url(),
                TestServers.postgresUser())
            .redirectErrorStream(true)
            .redirectOutput(File.createTempFile("errand-postgres-child", ".log"))
            .start();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> admin.counts("crash").active() >= 5 || !child.isAlive());
    assertThat(child.isAlive()).as("the child worker is running").isTrue();
    List<String> held =
        admin.jobs("crash", JobState.ACTIVE, 0, 100).stream().map(JobInfo::id).toList();

    // Its heartbeat lists it with the jobs it runs, until its lease runs out after the kill.
    long pid = child.pid();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                admin.processes().stream()
                    .anyMatch(p -> p.pid() == pid && p.running().size() >= 5));
    WorkerProcess seen =
        admin.processes().stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
    assertThat(seen.queues()).containsExactly(new WorkerProcess.Consumed("crash", 5));
    assertThat(seen.running()).extracting(WorkerProcess.Running::jobId).isSubsetOf(ids);

    child.destroyForcibly().waitFor();
    long killed = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> admin.processes().stream().noneMatch(p -> p.pid() == pid));
    assertThat(Duration.ofNanos(System.nanoTime() - killed))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    ErrandApp survivor = ChildWorker.start(postgres.url(), TestServers.postgresUser(), true);
    apps.add(survivor);

    await().atMost(Duration.ofSeconds(30)).until(() -> admin.counts("crash").completed() == JOBS);
    assertThat(CrashProcessor.COMPLETIONS.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(CrashProcessor.COMPLETIONS.values()).allSatisfy(n -> assertThat(n.get()).isOne());
    for (String id : held) {
      JobInfo job = admin.job("crash", id).orElseThrow();
      assertThat(job.stalls()).isEqualTo(1);
      assertThat(job.attemptsMade()).isEqualTo(2);
    }
    assertThat(admin.counts("crash").dead()).isZero();
    assertThat(admin.counts("crash").active()).isZero();
  }
}
