package dev.errand.example.usecase;

import dev.errand.example.domain.InvalidInputException;
import dev.errand.example.domain.Task;
import dev.errand.example.domain.TaskRepository;
import dev.errand.example.domain.User;
import dev.errand.example.domain.UserRepository;
import dev.errand.example.jobs.JobPolicies;
import dev.errand.example.jobs.Jobs;
import dev.errand.example.jobs.Payloads.LogActivity;
import dev.errand.example.jobs.Payloads.TaskAssignedEmail;
import dev.errand.queue.QueueService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** Creates a task and queues one assignment mail per assignee. */
public final class CreateTask {

  private final TaskRepository tasks;
  private final UserRepository users;
  private final QueueService queue;
  private final JobPolicies policies;
  private final Clock clock;

  @Inject
  CreateTask(
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

  /**
   * @param creatorId who creates it, named in the activity log; null logs no activity (there is
   *     nobody to name: an assignee did not create the task)
   */
  public Task create(String title, Long creatorId, List<Long> assigneeIds, LocalDate dueDate) {
    if (title == null || title.isBlank() || title.length() > 300) {
      throw new InvalidInputException("title is required (at most 300 characters)");
    }
    List<Long> distinct =
        assigneeIds == null ? List.of() : assigneeIds.stream().distinct().toList();
    User creator = creatorId == null ? null : users.get(creatorId);
    List<User> assignees = distinct.stream().map(users::get).toList();
    Task task = tasks.create(title.trim(), dueDate, distinct, clock.instant());
    for (User assignee : assignees) {
      queue.add(
          Jobs.TASK_ASSIGNED_EMAIL,
          new TaskAssignedEmail(assignee.email(), assignee.name(), task.key(), task.title()),
          policies.transactionalMail());
    }
    if (creator != null) {
      queue.add(
          Jobs.LOG_ACTIVITY,
          new LogActivity(
              "task:" + task.id() + ":created",
              creator.id(),
              "task-created",
              task.id(),
              task.key() + " created: " + task.title()),
          policies.bookkeeping());
    }
    return task;
  }
}
