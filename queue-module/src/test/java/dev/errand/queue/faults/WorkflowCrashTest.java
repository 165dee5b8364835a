package dev.errand.queue.faults;

import static dev.errand.queue.faults.WorkflowCrashProcessor.CHECKOUT;
import static dev.errand.queue.faults.WorkflowCrashProcessor.STEP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandRedis;
import dev.errand.core.Settings;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowInfo;
import dev.errand.queue.WorkflowService;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.faults.WorkflowCrashProcessor.Step;
import dev.errand.testsupport.TestServers;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker JVM killed with SIGKILL in the middle of a workflow, and between a job's checkpointed
 * steps: nothing is lost, and nothing runs twice but the step that was running.
 */
class WorkflowCrashTest {

  private final String prefix = TestServers.unique("errand-wfcrash");
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
                        .bind(WorkflowCrashProcessor.Mode.class)
                        .toInstance(new WorkflowCrashProcessor.Mode(prefix, null)))
            .adapters(
                new QueueAdapter(QueueSettings.from(settings))
                    .withClasses(WorkflowCrashProcessor.class))
            .shutdownHook(false)
            .start();
    apps.add(app);
    return app;
  }

  /** Starts the child worker hanging at {@code hangAt}, waits till it does, and kills it. */
  private void runChildUntilItHangsThenKill(
      RedisClusterCommands<String, String> redis, String hangAt) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                WorkflowChildWorker.class.getName(),
                TestServers.redisUrl(),
                prefix,
                hangAt)
            .redirectErrorStream(true)
            .redirectOutput(File.createTempFile("errand-workflow-child", ".log"))
            .start();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> redis.sismember(prefix + ":started", hangAt) || !child.isAlive());
    assertThat(child.isAlive()).as("the child worker is running").isTrue();
    child.destroyForcibly().waitFor();
  }

  private Map<String, Integer> runs(RedisClusterCommands<String, String> redis) {
    Map<String, Integer> runs = new HashMap<>();
    redis.hgetall(prefix + ":runs").forEach((k, v) -> runs.put(k, Integer.parseInt(v)));
    return runs;
  }

  @Test
  void shouldFinishAWorkflowWhoseWorkerWasKilledRunningOnlyTheHeldStepTwice() throws Exception {
    ErrandApp producer = app("false");
    var redis = producer.get(ErrandRedis.class).commands();
    Workflow flow = Workflow.create();
    Workflow.Step root = flow.step("root", STEP, new Step("root"));
    List<Workflow.Step> middle = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      middle.add(flow.step("m" + i, STEP, new Step("m" + i)).after(root));
    }
    flow.step("join", STEP, new Step("join")).after(middle).then("last", STEP, new Step("last"));
    String id = producer.get(WorkflowService.class).add(flow);

    runChildUntilItHangsThenKill(redis, "join");
    ErrandApp survivor = app("true");

    WorkflowService workflows = survivor.get(WorkflowService.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> workflows.workflow(id).map(WorkflowInfo::isFinished).orElse(false));
    assertThat(workflows.workflow(id).orElseThrow().steps())
        .extracting(WorkflowInfo.Step::state)
        .containsOnly(WorkflowStepState.COMPLETED);
    Map<String, Integer> runs = runs(redis);
    assertThat(runs).containsEntry("join", 2).containsEntry("root", 1).containsEntry("last", 1);
    for (int i = 0; i < 6; i++) {
      assertThat(runs).containsEntry("m" + i, 1);
    }
    assertThat(redis.hget(prefix + ":gathered", "join")).isEqualTo("6");
    assertThat(redis.hget(prefix + ":gathered", "last")).isEqualTo("1");
  }

  @Test
  void shouldSkipCheckpointedStepsAfterTheWorkerWasKilledBetweenThem() throws Exception {
    ErrandApp producer = app("false");
    var redis = producer.get(ErrandRedis.class).commands();
    String id = producer.get(QueueService.class).add(CHECKOUT, new Step("checkout"));

    runChildUntilItHangsThenKill(redis, "before-ship");
    ErrandApp survivor = app("true");

    QueueAdmin admin = survivor.get(QueueAdmin.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> admin.job("wfcrash", id).map(j -> j.state() == JobState.COMPLETED).orElse(false));
    assertThat(admin.job("wfcrash", id).orElseThrow().result()).isEqualTo("\"charge-1,shipped\"");
    assertThat(runs(redis))
        .containsEntry("checkout", 2)
        .containsEntry("charge", 1)
        .containsEntry("reserve", 1)
        .containsEntry("ship", 1);
  }
}
