package dev.errand.cron.internal;

import com.google.inject.Injector;
import dev.errand.core.AnnotatedMethod;
import dev.errand.core.Settings;
import dev.errand.cron.Cron;
import dev.errand.cron.CronContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns scanned {@code @Cron} methods into {@link CronJob}s, failing on anything unusable. */
public final class CronJobFactory {

  private final Settings settings;
  private final ScheduleParser parser;

  public CronJobFactory(Settings settings) {
    this.settings = settings;
    this.parser = new ScheduleParser(settings);
  }

  /** The setting that switches one job on or off: {@code CRON_JOB_<ID>_ENABLED}. */
  public static String enabledSetting(String jobId) {
    String words = jobId.replaceAll("([a-z0-9])([A-Z])", "$1_$2");
    return "CRON_JOB_"
        + words.replaceAll("[^A-Za-z0-9]+", "_").toUpperCase(Locale.ROOT)
        + "_ENABLED";
  }

  /** Builds the jobs, taking each method's instance from {@code injector}. */
  public List<CronJob> build(List<AnnotatedMethod<Cron>> methods, Injector injector) {
    List<CronJob> jobs = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (AnnotatedMethod<Cron> found : methods) {
      String id = found.type().getSimpleName() + "." + found.method().getName();
      String previous = seen.put(id, found.describe());
      if (previous != null) {
        throw new IllegalArgumentException(
            "Two @Cron methods have the job id "
                + id
                + ": "
                + previous
                + " and "
                + found.describe()
                + "; rename one method or class");
      }
      jobs.add(job(found, id, injector));
    }
    return jobs;
  }

  /** A job whose body is given directly (the built-in history retention job). */
  public CronJob builtIn(String id, String description, String schedule, CronJob.Body body) {
    Schedule parsed;
    try {
      parsed = parser.parse(schedule, "UTC");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("CRON_HISTORY_RETENTION_SCHEDULE: " + e.getMessage(), e);
    }
    boolean enabled = settings.bool(enabledSetting(id), true);
    return new CronJob(id, id, description, parsed, "UTC", false, enabled, body);
  }

  private CronJob job(AnnotatedMethod<Cron> found, String id, Injector injector) {
    Method method = found.method();
    Cron cron = found.annotation();
    if (Modifier.isStatic(method.getModifiers())) {
      throw new IllegalArgumentException(
          "@Cron method " + found.describe() + " is static; make it an instance method");
    }
    Class<?>[] parameters = method.getParameterTypes();
    boolean takesContext = parameters.length == 1 && parameters[0] == CronContext.class;
    if (parameters.length > 1 || (parameters.length == 1 && !takesContext)) {
      throw new IllegalArgumentException(
          "@Cron method "
              + found.describe()
              + " must take no parameters or one CronContext, not "
              + List.of(parameters));
    }
    Schedule schedule;
    try {
      schedule = parser.parse(cron.value(), cron.timezone());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "@Cron(\"" + cron.value() + "\") on " + found.describe() + ": " + e.getMessage(), e);
    }
    String zone = parser.resolve(cron.timezone());
    boolean enabled;
    try {
      enabled = settings.bool(enabledSetting(id), true);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(found.describe() + ": " + e.getMessage(), e);
    }
    method.setAccessible(true);
    Object target = injector.getInstance(found.type());
    CronJob.Body body =
        context -> {
          try {
            if (takesContext) {
              method.invoke(target, context);
            } else {
              method.invoke(target);
            }
          } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
              throw exception;
            }
            throw (Error) cause;
          }
        };
    return new CronJob(
        id, found.describe(), cron.description(), schedule, zone, cron.runMissed(), enabled, body);
  }
}
