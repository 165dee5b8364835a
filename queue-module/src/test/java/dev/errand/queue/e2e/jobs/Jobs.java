package dev.errand.queue.e2e.jobs;

import dev.errand.queue.JobType;

/** The application's job types, shared by dispatchers and processors. */
public final class Jobs {

  public static final JobType<WelcomeEmail> WELCOME =
      JobType.of("email", "send-welcome-email", WelcomeEmail.class);

  private Jobs() {}
}
