package dev.errand.testing.readme;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.mailer.MailerAdapter;
import dev.errand.mailer.MailerSettings;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowService;
import dev.errand.testing.ErrandExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's word on workflows in the kit: it keeps none, and says so when one is added. */
class KitWorkflowTest {

  @RegisterExtension
  static final ErrandExtension errand =
      ErrandExtension.builder()
          .adapters(
              settings ->
                  List.of(
                      new MailerAdapter(MailerSettings.from(settings)),
                      new QueueAdapter(QueueSettings.from(settings), "dev.errand.testing.readme")))
          .build();

  @Test
  void shouldRefuseAWorkflowSayingTheBackendKeepsNone() {
    Workflow flow = Workflow.create();
    flow.step("welcome", Jobs.WELCOME, new WelcomeEmail("ada@example.com", "Ada"));

    assertThatThrownBy(() -> errand.get(WorkflowService.class).add(flow))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("keeps no workflows");
  }
}
