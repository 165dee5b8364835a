package dev.errand.architecture.readme.workflow;

import dev.errand.queue.JobType;

// README: "Workflows": the export example's job types, payloads and results.
final class ExportJobs {

  record ExportProject(long projectId) {}

  record ExportResult(long projectId, String file) {}

  record ZipExports(long workspaceId) {}

  record MailLink(String email) {}

  static final JobType<ExportProject> EXPORT_PROJECT =
      JobType.of("exports", "export-project", ExportProject.class);
  static final JobType<ZipExports> ZIP_EXPORTS =
      JobType.of("exports", "zip-exports", ZipExports.class);
  static final JobType<MailLink> MAIL_LINK = JobType.of("exports", "mail-link", MailLink.class);

  private ExportJobs() {}
}
