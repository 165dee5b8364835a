package dev.errand.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowService;
import dev.errand.testing.sample.Jobs;
import dev.errand.testing.sample.SampleApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's word on workflows in the kit: it keeps none, and says so when one is added. */
class KitWorkflowTest {

  @RegisterExtension
  static final ErrandExtension errand =
      ErrandExtension.builder().adapters(SampleApp::adapters).build();

  @Test
  void shouldRefuseAWorkflowSayingTheKitKeepsNone() {
    Workflow flow = Workflow.create();
    flow.step("welcome", Jobs.WELCOME, new Jobs.Welcome("ada@example.com", "Ada"));

    assertThatThrownBy(() -> errand.get(WorkflowService.class).add(flow))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("keeps no workflows");
  }
}
