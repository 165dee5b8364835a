package dev.errand.queue.workflow.export;

import dev.errand.queue.JobType;

/** The README's workspace export: the job types, payloads and results it uses. */
public final class ExportJobs {

  public record ExportProject(long projectId) {}

  public record ExportResult(long projectId, String file) {}

  public record ZipExports(long workspaceId) {}

  public record MailLink(String email) {}

  public static final JobType<ExportProject> EXPORT_PROJECT =
      JobType.of("exports", "export-project", ExportProject.class);
  public static final JobType<ZipExports> ZIP_EXPORTS =
      JobType.of("exports", "zip-exports", ZipExports.class);
  public static final JobType<MailLink> MAIL_LINK =
      JobType.of("exports", "mail-link", MailLink.class);

  private ExportJobs() {}
}
