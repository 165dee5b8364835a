package dev.errand.devtools.internal.cron;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.errand.cron.CronService;
import dev.errand.cron.JobSchedules;
import dev.errand.devtools.internal.api.ApiSection;
import java.util.Optional;

/** Finds the cron module's service in an application; loaded only when errand-cron is present. */
public final class CronBinding {

  private CronBinding() {}

  public static Key<?> key() {
    return Key.get(CronService.class);
  }

  /** The cron section, or empty when the application has no CronAdapter. */
  public static Optional<ApiSection> section(Injector injector) {
    Binding<CronService> binding = injector.getExistingBinding(Key.get(CronService.class));
    return binding == null
        ? Optional.empty()
        : Optional.of(new CronApi(binding.getProvider().get()));
  }

  public static Key<?> schedulesKey() {
    return Key.get(JobSchedules.class);
  }

  /** The schedules section, or empty when the application's cron layer has no queue to feed. */
  public static Optional<ApiSection> schedules(Injector injector) {
    Binding<JobSchedules> binding = injector.getExistingBinding(Key.get(JobSchedules.class));
    return binding == null
        ? Optional.empty()
        : Optional.of(new ScheduleApi(binding.getProvider().get()));
  }
}
