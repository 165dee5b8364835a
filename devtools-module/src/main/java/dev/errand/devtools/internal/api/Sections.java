package dev.errand.devtools.internal.api;

import com.google.inject.Injector;
import com.google.inject.Key;
import dev.errand.core.ErrandApp;
import dev.errand.devtools.internal.cron.CronBinding;
import dev.errand.devtools.internal.queue.QueueBinding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Assembles the API from what the application has. errand-queue and errand-cron are optional
 * dependencies: their types are touched only through {@link QueueBinding} and {@link CronBinding},
 * and only after checking that they are on the classpath, so an application without them still
 * loads the dashboard, whose missing sections say why they are empty.
 */
public final class Sections {

  private static final String QUEUE_ADMIN = "dev.errand.queue.QueueAdmin";
  private static final String CRON_SERVICE = "dev.errand.cron.CronService";

  private Sections() {}

  /** Every section, with placeholders for the modules the application lacks. */
  public static List<ApiSection> build(Injector injector, Set<String> namedQueues) {
    List<ApiSection> sections = new ArrayList<>();
    sections.add(new HealthApi(injector.getInstance(ErrandApp.class)));
    sections.add(
        !onClasspath(QUEUE_ADMIN)
            ? new Unavailable(
                "/api/queues",
                "errand-queue is not on the classpath: add it and a QueueAdapter to see queues")
            : QueueBinding.section(injector, namedQueues)
                .orElseGet(
                    () ->
                        new Unavailable(
                            "/api/queues",
                            "This application has no QueueAdapter: list one before the "
                                + "DevToolsAdapter to see its queues")));
    sections.add(
        !onClasspath(CRON_SERVICE)
            ? new Unavailable(
                "/api/cron",
                "errand-cron is not on the classpath: add it and a CronAdapter to see cron jobs")
            : CronBinding.section(injector)
                .orElseGet(
                    () ->
                        new Unavailable(
                            "/api/cron",
                            "This application has no CronAdapter: list one before the "
                                + "DevToolsAdapter to see its cron jobs")));
    sections.add(
        optional(
            QUEUE_ADMIN,
            "/api/workflows",
            () -> QueueBinding.workflows(injector),
            "errand-queue is not on the classpath: add it and a QueueAdapter to see workflows",
            "This application has no QueueAdapter: list one before the DevToolsAdapter to see "
                + "its workflows"));
    sections.add(
        optional(
            CRON_SERVICE,
            "/api/schedules",
            () -> CronBinding.schedules(injector),
            "errand-cron is not on the classpath: add it, a QueueAdapter and a CronAdapter to "
                + "see schedules",
            "Schedules need a QueueAdapter and a CronAdapter listed before the DevToolsAdapter"));
    return sections;
  }

  /** A section of an optional module, or a placeholder that says why it is empty. */
  private static ApiSection optional(
      String moduleClass,
      String base,
      Supplier<Optional<ApiSection>> section,
      String missingModule,
      String missingAdapter) {
    if (!onClasspath(moduleClass)) {
      return new Unavailable(base, missingModule);
    }
    return section.get().orElseGet(() -> new Unavailable(base, missingAdapter));
  }

  /** The services the dashboard reads when present, so the adapter order check sees them. */
  public static Set<Key<?>> optionalServices() {
    Set<Key<?>> keys = new HashSet<>();
    if (onClasspath(QUEUE_ADMIN)) {
      keys.add(QueueBinding.key());
      keys.add(QueueBinding.workflowKey());
    }
    if (onClasspath(CRON_SERVICE)) {
      keys.add(CronBinding.key());
      keys.add(CronBinding.schedulesKey());
    }
    return keys;
  }

  private static boolean onClasspath(String className) {
    try {
      Class.forName(className, false, Sections.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
