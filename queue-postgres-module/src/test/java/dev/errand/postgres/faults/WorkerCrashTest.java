package dev.errand.postgres.faults;

import static dev.errand.postgres.faults.WorkflowCrashProcessor.STEP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.postgres.TestPostgres;
import dev.errand.postgres.faults.WorkflowCrashProcessor.Step;
import dev.errand.queue.JobAttempt;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.WorkerProcess;
import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowInfo;
import dev.errand.queue.WorkflowService;
import dev.errand.queue.WorkflowStepState;
import dev.errand.testsupport.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker JVM on the PostgreSQL backend killed with SIGKILL while it holds leases: every job
 * completes, none is lost, none runs twice, each held job's history shows the killed run as a
 * stalled attempt of the killed process, and its heartbeat lists it with the jobs it runs until its
 * lease runs out after the kill; killed while it runs the fan-in step of a workflow: the survivor
 * finishes the workflow, and only the step that was running runs twice.
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

    child = ChildWorker.launch(postgres.url(), TestServers.postgresUser());
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
    assertThat(seen.queues()).contains(new WorkerProcess.Consumed("crash", 5));
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
      // The run the kill cut off stays in the job's history as a stalled attempt of that process.
      assertThat(job.attempts()).extracting(JobAttempt::attempt).containsExactly(1, 2);
      assertThat(job.attempts().get(0).worker()).endsWith("/" + pid);
      assertThat(job.attempts().get(0).failure().exceptionClass()).isEqualTo("Stalled");
      assertThat(job.attempts().get(1).failure()).isNull();
    }
    assertThat(admin.counts("crash").dead()).isZero();
    assertThat(admin.counts("crash").active()).isZero();
  }

  @Test
  void shouldFinishAWorkflowWhoseWorkerWasKilledRunningOnlyTheHeldStepTwice() throws Exception {
    DataSource database = postgres.dataSource(2);
    execute(database, "CREATE TABLE wfcrash_run (step text NOT NULL, results int NOT NULL)");
    ErrandApp producer = ChildWorker.start(postgres.url(), TestServers.postgresUser(), false);
    apps.add(producer);
    Workflow flow = Workflow.create();
    Workflow.Step root = flow.step("root", STEP, new Step("root"));
    List<Workflow.Step> middle = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      middle.add(flow.step("m" + i, STEP, new Step("m" + i)).after(root));
    }
    flow.step("join", STEP, new Step("join")).after(middle).then("last", STEP, new Step("last"));
    String id = producer.get(WorkflowService.class).add(flow);

    child = ChildWorker.launch(postgres.url(), TestServers.postgresUser(), "join");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> runs(database).containsKey("join") || !child.isAlive());
    assertThat(child.isAlive()).as("the child worker is running").isTrue();
    child.destroyForcibly().waitFor();
    apps.add(ChildWorker.start(postgres.url(), TestServers.postgresUser(), true));

    WorkflowService workflows = producer.get(WorkflowService.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> workflows.workflow(id).map(WorkflowInfo::isFinished).orElse(false));
    assertThat(workflows.workflow(id).orElseThrow().steps())
        .extracting(WorkflowInfo.Step::state)
        .containsOnly(WorkflowStepState.COMPLETED);
    Map<String, List<Integer>> runs = runs(database);
    assertThat(runs.get("join")).as("join, with the results it saw").containsExactly(6, 6);
    assertThat(runs).containsEntry("root", List.of(0)).containsEntry("last", List.of(1));
    for (int i = 0; i < 6; i++) {
      assertThat(runs).containsEntry("m" + i, List.of(1));
    }
  }

  private static Map<String, List<Integer>> runs(DataSource database) throws SQLException {
    Map<String, List<Integer>> runs = new HashMap<>();
    try (Connection c = database.getConnection();
        Statement select = c.createStatement();
        ResultSet rows = select.executeQuery("SELECT step, results FROM wfcrash_run")) {
      while (rows.next()) {
        runs.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getInt(2));
      }
    }
    return runs;
  }

  private static void execute(DataSource database, String sql) throws SQLException {
    try (Connection c = database.getConnection();
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }
}
