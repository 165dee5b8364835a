package dev.errand.queue.spi;

import dev.errand.queue.JobContext;
import dev.errand.queue.JobOptions;
import dev.errand.queue.SnoozeJobException;
import dev.errand.queue.UnrecoverableJobException;

/**
 * Code around each add and each handler run: copy the caller's tenant or trace context into the
 * job's {@link JobOptions#metadata() metadata} as it is added, then set the MDC, check the tenant
 * is still active or time the run in the worker. Override the hooks you need.
 *
 * <pre>{@code
 * final class TenantScope implements JobInterceptor {
 *   @Override public JobOptions onAdd(String queue, String name, JobOptions options) {
 *     return options.toBuilder().metadata("tenant", CurrentTenant.id()).build();
 *   }
 *   @Override public void beforeRun(JobContext job) {
 *     String tenant = job.metadata().get("tenant");
 *     if (tenant != null && !tenants.isActive(tenant)) {
 *       throw new UnrecoverableJobException("tenant " + tenant + " is no longer active");
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Register it with {@code QueueAdapter.withInterceptor(...)} or a Guice {@code
 * Multibinder<JobInterceptor>}. Interceptors run by ascending {@link #order()}, those of equal
 * order as registered (the adapter's first); the after-run hooks run in reverse. Run hooks run on
 * the handler's thread, inside its timeout.
 *
 * <p>An exception from {@link #beforeRun} or {@link #afterRun} fails the run with a message naming
 * the interceptor: retried like a handler's failure, failed at once for an {@link
 * UnrecoverableJobException}, snoozed for a {@link SnoozeJobException}. An exception from {@link
 * #onAdd} fails the add.
 */
public interface JobInterceptor {

  /**
   * The options to add job {@code name} of {@code queue} with: {@code options} as given, or changed
   * (metadata added, say) through {@link JobOptions#toBuilder()}.
   */
  default JobOptions onAdd(String queue, String name, JobOptions options) {
    return options;
  }

  /** Before the handler runs; throw to fail the run without calling it. */
  default void beforeRun(JobContext job) throws Exception {}

  /** After the handler returned {@code result} (null for none); throw to fail the run. */
  default void afterRun(JobContext job, Object result) throws Exception {}

  /**
   * After the handler, or a later interceptor's {@link #beforeRun} or an earlier one's {@link
   * #afterRun}, threw {@code error}, for each interceptor whose {@link #beforeRun} completed. What
   * it throws is logged; the run fails with {@code error} either way.
   */
  default void onFailure(JobContext job, Throwable error) {}

  /** Where it runs among the interceptors: lower first; 0 by default. */
  default int order() {
    return 0;
  }
}
