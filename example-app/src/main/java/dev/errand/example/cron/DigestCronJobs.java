package dev.errand.example.cron;

import dev.errand.cron.Cron;
import dev.errand.example.domain.TaskRepository;
import dev.errand.example.domain.User;
import dev.errand.example.domain.UserRepository;
import dev.errand.example.jobs.JobPolicies;
import dev.errand.example.jobs.Jobs;
import dev.errand.example.jobs.Payloads.DailyDigestEmail;
import dev.errand.queue.QueueService;
import jakarta.inject.Inject;
import java.util.List;

/** Mails every user with open tasks a list of them, once a day. */
public final class DigestCronJobs {

  private final UserRepository users;
  private final TaskRepository tasks;
  private final QueueService queue;
  private final JobPolicies policies;

  @Inject
  DigestCronJobs(
      UserRepository users, TaskRepository tasks, QueueService queue, JobPolicies policies) {
    this.users = users;
    this.tasks = tasks;
    this.queue = queue;
    this.policies = policies;
  }

  /** The schedule is a setting, so operators can move it without a rebuild. */
  @Cron(
      value = "${EXAMPLE_DIGEST_SCHEDULE:0 8 * * *}",
      description = "Send the daily digest of open tasks",
      timezone = "UTC")
  void dailyDigest() {
    for (User user : users.all()) {
      List<String> open =
          tasks.openFor(user.id()).stream().map(t -> t.key() + " " + t.title()).toList();
      if (!open.isEmpty()) {
        queue.add(
            Jobs.DAILY_DIGEST_EMAIL,
            new DailyDigestEmail(user.email(), user.name(), open),
            policies.digestMail());
      }
    }
  }
}
