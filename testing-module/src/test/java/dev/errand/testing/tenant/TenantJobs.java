package dev.errand.testing.tenant;

import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobType;
import dev.errand.queue.Process;
import dev.errand.queue.spi.JobInterceptor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tenant-scoped job and the interceptor that carries and checks the tenant, as an application
 * with per-tenant work writes them: what {@code drain()} must run just as a worker does.
 */
@Job("tenant")
public final class TenantJobs {

  public record Report(String name) {}

  public static final JobType<Report> REPORT = JobType.of("tenant", "report", Report.class);
  public static final JobType<Report> WAIT_FOR_DATA =
      JobType.of("tenant", "wait-for-data", Report.class);

  /** What handlers and interceptors saw, in order, across the test's drains. */
  public static final List<String> SEEN = new CopyOnWriteArrayList<>();

  @Process("report")
  public void report(Report report, JobContext job) {
    SEEN.add("report " + report.name() + " for " + job.metadata().get("tenant"));
  }

  /** Snoozes its first run: the data it needs is not there yet. */
  @Process("wait-for-data")
  public void waitForData(Report report, JobContext job) {
    if (SEEN.stream().noneMatch(line -> line.startsWith("waited"))) {
      SEEN.add("waited " + report.name());
      job.snooze(Duration.ofMinutes(5));
    }
    SEEN.add("ran " + report.name());
  }

  /** Adds the tenant of the current request to each job; refuses runs of a closed tenant. */
  public static final class TenantScope implements JobInterceptor {

    public static volatile String currentTenant = "acme";

    @Override
    public JobOptions onAdd(String queue, String name, JobOptions options) {
      return options.toBuilder().metadata("tenant", currentTenant).build();
    }

    @Override
    public void beforeRun(JobContext job) {
      String tenant = job.metadata().get("tenant");
      SEEN.add("before " + job.name() + " for " + tenant);
      if ("closed".equals(tenant)) {
        throw new IllegalStateException("tenant " + tenant + " is closed");
      }
    }

    @Override
    public void afterRun(JobContext job, Object result) {
      SEEN.add("after " + job.name());
    }
  }
}
