package dev.errand.example.jobs;

import dev.errand.example.domain.Task;
import dev.errand.example.domain.TaskRepository;
import dev.errand.example.jobs.Payloads.ReportLines;
import dev.errand.example.jobs.Payloads.ReportPart;
import dev.errand.queue.Job;
import dev.errand.queue.Process;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The parts of a user's task report, each a step of the report's workflow: what a part returns is
 * kept by the workflow and handed to the mail step ({@code EmailProcessor#sendTaskReport}). A part
 * only reads, so running it again after a crash is harmless.
 */
@Job(Jobs.REPORTS)
final class ReportProcessor {

  private final TaskRepository tasks;

  @Inject
  ReportProcessor(TaskRepository tasks) {
    this.tasks = tasks;
  }

  @Process("report-open-tasks")
  ReportLines openTasks(ReportPart part) {
    return lines(tasks.openFor(part.userId()));
  }

  @Process("report-overdue-tasks")
  ReportLines overdueTasks(ReportPart part) {
    return lines(
        tasks.openFor(part.userId()).stream()
            .filter(t -> t.dueDate() != null && t.dueDate().isBefore(part.today()))
            .toList());
  }

  /** One CSV line per task: key, title (quoted), due date or empty. */
  private static ReportLines lines(List<Task> found) {
    return new ReportLines(
        found.stream()
            .map(
                t ->
                    t.key()
                        + ",\""
                        + t.title().replace("\"", "\"\"")
                        + "\","
                        + (t.dueDate() == null ? "" : t.dueDate()))
            .toList());
  }
}
