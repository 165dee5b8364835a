package dev.errand.testing.sample;

import dev.errand.queue.JobType;

/** The sample application's jobs. */
public final class Jobs {

  public record Welcome(String email, String name) {}

  public record SignUp(String email, String name) {}

  public record Step(int number, int last) {}

  public record Problem(String what) {}

  public record Reminder(String day) {}

  public static final JobType<Welcome> WELCOME = JobType.of("email", "send-welcome", Welcome.class);
  public static final JobType<SignUp> SIGN_UP = JobType.of("accounts", "sign-up", SignUp.class);
  public static final JobType<Step> STEP = JobType.of("chain", "step", Step.class);
  public static final JobType<Step> FOREVER = JobType.of("chain", "forever", Step.class);
  public static final JobType<Problem> CHECKED_FAILURE =
      JobType.of("failing", "checked", Problem.class);
  public static final JobType<Problem> UNRECOVERABLE =
      JobType.of("failing", "unrecoverable", Problem.class);
  public static final JobType<Reminder> REMINDER = JobType.of("email", "reminder", Reminder.class);
  public static final JobType<Welcome> EXPORT = JobType.of("reports", "export", Welcome.class);

  private Jobs() {}
}
