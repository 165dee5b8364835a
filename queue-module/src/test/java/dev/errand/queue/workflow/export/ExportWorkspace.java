package dev.errand.queue.workflow.export;

import static dev.errand.queue.workflow.export.ExportJobs.EXPORT_PROJECT;
import static dev.errand.queue.workflow.export.ExportJobs.MAIL_LINK;
import static dev.errand.queue.workflow.export.ExportJobs.ZIP_EXPORTS;

import com.google.inject.Inject;
import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowService;
import dev.errand.queue.workflow.export.ExportJobs.ExportProject;
import dev.errand.queue.workflow.export.ExportJobs.MailLink;
import dev.errand.queue.workflow.export.ExportJobs.ZipExports;
import java.util.ArrayList;
import java.util.List;

/** The README's use case: export each project, then zip the exports, then mail the link. */
public final class ExportWorkspace {

  private final WorkflowService workflows;

  @Inject
  ExportWorkspace(WorkflowService workflows) {
    this.workflows = workflows;
  }

  public String export(long workspaceId, List<Long> projectIds, String email) {
    Workflow export = Workflow.withId("export-" + workspaceId);
    List<Workflow.Step> projects = new ArrayList<>();
    for (long id : projectIds) {
      projects.add(export.step("export-" + id, EXPORT_PROJECT, new ExportProject(id)));
    }
    export
        .step("zip", ZIP_EXPORTS, new ZipExports(workspaceId))
        .after(projects)
        .then("mail", MAIL_LINK, new MailLink(email));
    return workflows.add(export);
  }
}
