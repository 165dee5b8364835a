package dev.errand.example.cron;

import dev.errand.cron.Cron;
import dev.errand.example.domain.Task;
import dev.errand.example.domain.TaskRepository;
import dev.errand.example.domain.User;
import dev.errand.example.domain.UserRepository;
import dev.errand.example.jobs.JobPolicies;
import dev.errand.example.jobs.Jobs;
import dev.errand.example.jobs.Payloads.OverdueReminderEmail;
import dev.errand.queue.QueueService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reminds assignees of overdue tasks, every morning. */
public final class TaskCronJobs {

  private static final Logger log = LoggerFactory.getLogger(TaskCronJobs.class);

  private final TaskRepository tasks;
  private final UserRepository users;
  private final QueueService queue;
  private final JobPolicies policies;
  private final Clock clock;

  @Inject
  TaskCronJobs(
      TaskRepository tasks,
      UserRepository users,
      QueueService queue,
      JobPolicies policies,
      Clock clock) {
    this.tasks = tasks;
    this.users = users;
    this.queue = queue;
    this.policies = policies;
    this.clock = clock;
  }

  /** One reminder mail per assignee of each overdue task that is not done. */
  @Cron(value = "0 9 * * *", description = "Send overdue task reminders", timezone = "UTC")
  void overdueReminders() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    int sent = 0;
    for (Task task : tasks.overdue(today)) {
      for (long assigneeId : task.assigneeIds()) {
        User user = users.get(assigneeId);
        queue.add(
            Jobs.OVERDUE_REMINDER_EMAIL,
            new OverdueReminderEmail(
                user.email(), user.name(), task.key(), task.title(), task.dueDate()),
            policies.transactionalMail());
        sent++;
      }
    }
    log.info("Queued {} overdue reminder(s)", sent);
  }
}
