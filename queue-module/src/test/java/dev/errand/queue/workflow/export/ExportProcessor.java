package dev.errand.queue.workflow.export;

import static dev.errand.queue.workflow.export.ExportJobs.ExportProject;
import static dev.errand.queue.workflow.export.ExportJobs.ExportResult;
import static dev.errand.queue.workflow.export.ExportJobs.MailLink;
import static dev.errand.queue.workflow.export.ExportJobs.ZipExports;

import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The README's export handlers; what they did is kept for the test to read. */
@Job("exports")
public final class ExportProcessor {

  public static final ConcurrentLinkedQueue<String> done = new ConcurrentLinkedQueue<>();

  @Process("export-project")
  ExportResult export(ExportProject request) {
    done.add("export " + request.projectId());
    return new ExportResult(request.projectId(), "project-" + request.projectId() + ".json");
  }

  @Process("zip-exports")
  String zip(ZipExports request, JobContext job) {
    List<ExportResult> exports = job.dependencies().results(ExportResult.class);
    String zip = "workspace-" + request.workspaceId() + ".zip";
    done.add("zip " + exports.stream().map(ExportResult::file).toList());
    return "https://files.example.com/" + zip;
  }

  @Process("mail-link")
  void mail(MailLink request, JobContext job) {
    String link = job.dependencies().result("zip", String.class).orElseThrow();
    done.add("mail " + request.email() + " " + link);
  }
}
