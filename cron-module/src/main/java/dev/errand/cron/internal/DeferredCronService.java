package dev.errand.cron.internal;

import dev.errand.cron.CronJobStatus;
import dev.errand.cron.CronRun;
import dev.errand.cron.CronService;
import dev.errand.cron.CronTask;
import dev.errand.cron.CronTotals;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link CronService} bound in the injector. The scheduler needs the injector to exist (it
 * builds the job classes), so the binding is this handle, connected once the adapter starts.
 */
public final class DeferredCronService implements CronService {

  private volatile CronService target;

  public void connect(CronService service) {
    this.target = service;
  }

  private CronService target() {
    CronService current = target;
    if (current == null) {
      throw new IllegalStateException(
          "CronService is not available before CronAdapter has started");
    }
    return current;
  }

  @Override
  public List<CronJobStatus> jobs() {
    return target().jobs();
  }

  @Override
  public CronJobStatus job(String id) {
    return target().job(id);
  }

  @Override
  public CronTotals totals() {
    return target().totals();
  }

  @Override
  public CompletableFuture<CronRun> trigger(String id) {
    return target().trigger(id);
  }

  @Override
  public void enable(String id) {
    target().enable(id);
  }

  @Override
  public void disable(String id) {
    target().disable(id);
  }

  @Override
  public List<CronRun> history(String id, int limit) {
    return target().history(id, limit);
  }

  @Override
  public void register(String id, String schedule, String zone, String description, CronTask task) {
    target().register(id, schedule, zone, description, task);
  }

  @Override
  public boolean unregister(String id) {
    return target().unregister(id);
  }
}
