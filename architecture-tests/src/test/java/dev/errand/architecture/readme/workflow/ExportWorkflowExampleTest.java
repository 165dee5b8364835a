package dev.errand.architecture.readme.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.WorkflowInfo;
import dev.errand.queue.WorkflowService;
import dev.errand.queue.WorkflowStepState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's workflow example, as written there, runs as it says: the one example that runs. */
class ExportWorkflowExampleTest {

  @Test
  void shouldExportEachProjectThenZipTheirResultsThenMailTheLink() {
    Settings settings = Settings.of(Map.of("JOBS_PROVIDER", "memory"));
    ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(
                new QueueAdapter(QueueSettings.from(settings)).withClasses(ExportProcessor.class))
            .shutdownHook(false)
            .start();
    try {
      String id = app.get(ExportWorkspace.class).export(7, List.of(1L, 2L, 3L), "ada@example.com");

      WorkflowService workflows = app.get(WorkflowService.class);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> workflows.workflow(id).map(WorkflowInfo::isFinished).orElse(false));
      assertThat(workflows.workflow(id).orElseThrow().steps())
          .extracting(WorkflowInfo.Step::state)
          .containsOnly(WorkflowStepState.COMPLETED);
      QueueAdmin admin = app.get(QueueAdmin.class);
      assertThat(admin.job("exports", "wf:export-7:mail").orElseThrow().result())
          .isEqualTo("\"sent https://files.example.com/workspace-7-3 to ada@example.com\"");
    } finally {
      app.stop();
    }
  }
}
