package dev.errand.architecture.readme.workflow;

import static dev.errand.architecture.readme.workflow.ExportJobs.EXPORT_PROJECT;
import static dev.errand.architecture.readme.workflow.ExportJobs.MAIL_LINK;
import static dev.errand.architecture.readme.workflow.ExportJobs.ZIP_EXPORTS;

import dev.errand.architecture.readme.workflow.ExportJobs.ExportProject;
import dev.errand.architecture.readme.workflow.ExportJobs.ExportResult;
import dev.errand.architecture.readme.workflow.ExportJobs.MailLink;
import dev.errand.architecture.readme.workflow.ExportJobs.ZipExports;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowService;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

// README: "Workflows: jobs that depend on jobs" (ExportWorkflowExampleTest runs it).
final class ExportWorkspace {
  private final WorkflowService workflows; // bound by QueueAdapter, like QueueService

  @Inject
  ExportWorkspace(WorkflowService workflows) {
    this.workflows = workflows;
  }

  String export(long workspaceId, List<Long> projectIds, String email) {
    Workflow export = Workflow.withId("export-" + workspaceId); // or Workflow.create()
    List<Workflow.Step> projects = new ArrayList<>();
    for (long id : projectIds) {
      projects.add(export.step("export-" + id, EXPORT_PROJECT, new ExportProject(id)));
    }
    export
        .step("zip", ZIP_EXPORTS, new ZipExports(workspaceId))
        .after(projects) // runs once every export has completed
        .then("mail", MAIL_LINK, new MailLink(email)); // a chain: after the zip
    return workflows.add(export);
  }
}

@Job("exports")
final class ExportProcessor {
  @Process("export-project")
  ExportResult export(ExportProject request) { // what a handler returns is kept
    return new ExportResult(request.projectId(), "project-" + request.projectId() + ".json");
  }

  @Process("zip-exports")
  String zip(ZipExports request, JobContext job) {
    List<ExportResult> exports = job.dependencies().results(ExportResult.class); // in step order
    return "https://files.example.com/workspace-" + request.workspaceId() + "-" + exports.size();
  }

  @Process("mail-link")
  String mail(MailLink request, JobContext job) {
    String link = job.dependencies().result("zip", String.class).orElseThrow();
    return "sent " + link + " to " + request.email();
  }
}
