package dev.errand.example.jobs;

import dev.errand.example.domain.CurrentWorkspace;
import dev.errand.example.domain.WorkspaceRepository;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobOptions;
import dev.errand.queue.UnrecoverableJobException;
import dev.errand.queue.spi.JobInterceptor;
import jakarta.inject.Inject;
import org.slf4j.MDC;

/**
 * Carries the request's workspace to every job it adds, as the job's {@code workspace} metadata,
 * and checks before each run that the workspace still exists: a job of a deleted workspace fails at
 * once, without retries. While a job runs, the log's MDC names its workspace.
 */
public final class WorkspaceScope implements JobInterceptor {

  /** The metadata key. */
  public static final String KEY = "workspace";

  private final WorkspaceRepository workspaces;

  @Inject
  WorkspaceScope(WorkspaceRepository workspaces) {
    this.workspaces = workspaces;
  }

  @Override
  public JobOptions onAdd(String queue, String name, JobOptions options) {
    String workspace = CurrentWorkspace.id();
    return workspace == null ? options : options.toBuilder().metadata(KEY, workspace).build();
  }

  @Override
  public void beforeRun(JobContext job) {
    String workspace = job.metadata().get(KEY);
    if (workspace == null) {
      return;
    }
    if (!workspaces.exists(workspace)) {
      throw new UnrecoverableJobException("workspace '" + workspace + "' no longer exists");
    }
    MDC.put(KEY, workspace);
  }

  @Override
  public void afterRun(JobContext job, Object result) {
    MDC.remove(KEY);
  }

  @Override
  public void onFailure(JobContext job, Throwable error) {
    MDC.remove(KEY);
  }
}
