package dev.errand.example.usecase;

import dev.errand.example.domain.Task;
import dev.errand.example.domain.TaskRepository;
import dev.errand.example.jobs.JobPolicies;
import dev.errand.example.jobs.Jobs;
import dev.errand.example.jobs.Payloads.LogActivity;
import dev.errand.queue.QueueService;
import jakarta.inject.Inject;

/** Marks a task done; done tasks get no more overdue reminders. */
public final class CompleteTask {

  private final TaskRepository tasks;
  private final QueueService queue;
  private final JobPolicies policies;

  @Inject
  CompleteTask(TaskRepository tasks, QueueService queue, JobPolicies policies) {
    this.tasks = tasks;
    this.queue = queue;
    this.policies = policies;
  }

  public Task complete(long taskId) {
    tasks.markDone(taskId);
    Task task = tasks.get(taskId);
    if (!task.assigneeIds().isEmpty()) {
      queue.add(
          Jobs.LOG_ACTIVITY,
          new LogActivity(
              "task:" + task.id() + ":done",
              task.assigneeIds().get(0),
              "task-done",
              task.id(),
              task.key() + " is done"),
          policies.bookkeeping());
    }
    return task;
  }
}
