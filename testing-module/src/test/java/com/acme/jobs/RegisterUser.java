package com.acme.jobs;

import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueService;
import jakarta.inject.Inject;
import java.time.Duration;

/** The README's use case: a welcome mail now, a follow-up a day later. */
final class RegisterUser {

  private final QueueService queue;

  @Inject
  RegisterUser(QueueService queue) {
    this.queue = queue;
  }

  void register(String email, String firstName) {
    WelcomeEmail mail = new WelcomeEmail(email, firstName);
    queue.add(Jobs.WELCOME, mail, JobOptions.builder().priority(10).build());
    queue.add(Jobs.FOLLOW_UP, mail, JobOptions.builder().delay(Duration.ofDays(1)).build());
  }
}
