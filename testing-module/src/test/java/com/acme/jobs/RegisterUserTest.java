package com.acme.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.mailer.MailerAdapter;
import dev.errand.mailer.MailerSettings;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import dev.errand.testing.EnqueuedJob;
import dev.errand.testing.ErrandExtension;
import dev.errand.testing.TestJobContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's "Testing your jobs" example, kept compiling and passing here. */
class RegisterUserTest {

  @RegisterExtension
  static final ErrandExtension errand =
      ErrandExtension.builder()
          .adapters(
              settings ->
                  List.of(
                      new MailerAdapter(MailerSettings.from(settings)),
                      new QueueAdapter(QueueSettings.from(settings), "com.acme.jobs")))
          .build();

  @Test
  void shouldWelcomeNewUsersAndFollowUpADayLater() {
    errand.get(RegisterUser.class).register("ada@example.com", "Ada");

    EnqueuedJob<WelcomeEmail> welcome =
        errand.assertEnqueued(Jobs.WELCOME, mail -> mail.email().equals("ada@example.com"));
    assertThat(welcome.priority()).isEqualTo(10);
    assertThat(errand.assertEnqueued(Jobs.FOLLOW_UP).delay()).isEqualTo(Duration.ofDays(1));

    errand.drain(); // runs the welcome mail here, through EmailProcessor
    assertThat(errand.mails().sentTo("ada@example.com")).hasSize(1);

    errand.advance(Duration.ofDays(1)); // the follow-up is due now
    errand.drain();
    assertThat(errand.mails().sentTo("ada@example.com")).hasSize(2);
  }

  @Test
  void shouldLogWhomItWelcomed() {
    TestJobContext job = TestJobContext.of(Jobs.WELCOME);

    errand.get(EmailProcessor.class).sendWelcome(new WelcomeEmail("ada@example.com", "Ada"), job);

    assertThat(job.logs()).containsExactly("welcomed ada@example.com");
  }
}
