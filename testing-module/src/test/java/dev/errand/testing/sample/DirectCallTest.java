package dev.errand.testing.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.testing.ErrandExtension;
import dev.errand.testing.TestJobContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A handler called directly, on the processor the test's application built. */
class DirectCallTest {

  @RegisterExtension
  static final ErrandExtension errand =
      ErrandExtension.builder().adapters(SampleApp::adapters).build();

  @Test
  void shouldCallAHandlerOfTheApplicationWithATestJobContext() {
    TestJobContext job = TestJobContext.of(Jobs.WELCOME).attempt(2, 3);

    String result =
        errand
            .get(MailProcessor.class)
            .sendWelcome(new Jobs.Welcome("ada@example.com", "Ada"), job);

    assertThat(result).isEqualTo("sent to ada@example.com");
    assertThat(job.progressReported()).containsExactly(50, 100);
    assertThat(job.logs()).containsExactly("welcomed ada@example.com, attempt 2 of 3");
    assertThat(errand.mails().sentTo("ada@example.com")).hasSize(1);
    errand.assertNothingEnqueued();
  }
}
