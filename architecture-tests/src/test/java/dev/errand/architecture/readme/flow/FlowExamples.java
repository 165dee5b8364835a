package dev.errand.architecture.readme.flow;

import dev.errand.queue.Deduplication;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobType;
import dev.errand.queue.Process;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueService;
import dev.errand.queue.UnrecoverableJobException;
import dev.errand.queue.spi.JobInterceptor;
import java.time.Duration;
import java.time.LocalDate;

// README: "Flow control and job context".
record ExportRequest(LocalDate day) {}

record Reindex(String tenant) {}

record Tenant(String id) {}

final class Jobs {
  static final JobType<ExportRequest> EXPORT = JobType.of("exports", "export", ExportRequest.class);
  static final JobType<Reindex> REINDEX = JobType.of("search", "reindex", Reindex.class);
}

/** Stands in for the application's warehouse. */
final class Warehouse {
  boolean isReady(LocalDate day) {
    return !day.isAfter(LocalDate.now());
  }
}

/** Stands in for the caller's tenant, as a request filter holds it. */
final class CurrentTenant {
  static String id() {
    return "t-1";
  }
}

/** Stands in for the application's tenant table. */
final class Tenants {
  static boolean exists(String tenant) {
    return tenant.startsWith("t-");
  }
}

@Job("exports")
final class ExportProcessor {
  private final Warehouse warehouse = new Warehouse();

  @Process("export")
  void export(ExportRequest request, JobContext job) {
    if (!warehouse.isReady(request.day())) {
      job.snooze(Duration.ofMinutes(2)); // or: throw new SnoozeJobException(Duration.ofMinutes(2))
    }
    // ...
  }
}

final class TenantScope implements JobInterceptor {
  @Override
  public JobOptions onAdd(String queue, String name, JobOptions options) {
    return options.toBuilder().metadata("tenant", CurrentTenant.id()).build();
  }

  @Override
  public void beforeRun(JobContext job) {
    String tenant = job.metadata().get("tenant");
    if (tenant != null && !Tenants.exists(tenant)) {
      throw new UnrecoverableJobException("tenant " + tenant + " no longer exists");
    }
  }
}

final class FlowUses {
  void metadata(QueueService queue, ExportRequest request, Tenant tenant, String requestId) {
    queue.add(
        Jobs.EXPORT,
        request,
        JobOptions.builder()
            .metadata("tenant", tenant.id())
            .metadata("request-id", requestId)
            .build());
    // in the handler: job.metadata().get("tenant")
  }

  void interceptor() {
    new QueueAdapter("com.acme.jobs").withInterceptor(new TenantScope());
  }

  void deduplicate(QueueService queue, String tenant) {
    queue.add(
        Jobs.REINDEX,
        new Reindex(tenant),
        JobOptions.builder()
            .deduplicate(Deduplication.throttle("reindex:" + tenant, Duration.ofMinutes(1)))
            .build());
  }
}
