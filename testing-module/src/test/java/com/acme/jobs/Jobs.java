package com.acme.jobs;

import dev.errand.queue.JobType;

/** The README's job types. */
public final class Jobs {

  public static final JobType<WelcomeEmail> WELCOME =
      JobType.of("email", "send-welcome-email", WelcomeEmail.class);
  public static final JobType<WelcomeEmail> FOLLOW_UP =
      JobType.of("email", "send-follow-up", WelcomeEmail.class);

  private Jobs() {}
}
