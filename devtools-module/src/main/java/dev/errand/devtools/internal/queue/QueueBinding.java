package dev.errand.devtools.internal.queue;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.errand.devtools.internal.api.ApiSection;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.WorkflowService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the queue module's admin API in an application; loaded only when errand-queue is present.
 */
public final class QueueBinding {

  private QueueBinding() {}

  public static Key<?> key() {
    return Key.get(QueueAdmin.class);
  }

  /** The queue section, or empty when the application has no QueueAdapter. */
  public static Optional<ApiSection> section(Injector injector, Set<String> namedQueues) {
    Binding<QueueAdmin> binding = injector.getExistingBinding(Key.get(QueueAdmin.class));
    if (binding == null) {
      return Optional.empty();
    }
    QueueAdmin admin = binding.getProvider().get();
    QueueCatalog catalog = QueueCatalog.of(injector, namedQueues, admin);
    Clock clock = Clock.systemUTC();
    List<ApiSection> parts =
        List.of(
            new QueueApi(new QueueOps(admin), catalog),
            new SearchApi(admin),
            new HistoryApi(admin, catalog, clock),
            new WorkersApi(admin, clock));
    return Optional.of(router -> parts.forEach(part -> part.register(router)));
  }

  public static Key<?> workflowKey() {
    return Key.get(WorkflowService.class);
  }

  /** The workflows section, or empty when the application has no QueueAdapter. */
  public static Optional<ApiSection> workflows(Injector injector) {
    Binding<WorkflowService> binding = injector.getExistingBinding(Key.get(WorkflowService.class));
    return binding == null
        ? Optional.empty()
        : Optional.of(new WorkflowApi(binding.getProvider().get()));
  }
}
