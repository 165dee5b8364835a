package dev.errand.devtools.internal.queue;

import com.google.inject.Injector;
import com.google.inject.Key;
import dev.errand.queue.Job;
import dev.errand.queue.QueueAdmin;
import java.util.Set;
import java.util.TreeSet;

/**
 * The queues the dashboard lists: every queue the backend holds jobs of ({@link
 * QueueAdmin#queues()}, whichever process added or consumes them), plus those named in code ({@code
 * DevToolsAdapter.withQueues}) and those this application consumes, found through the {@link
 * Job @Job} processor classes bound in its injector, which show before their first job.
 */
final class QueueCatalog {

  private final Set<String> names;
  private final QueueAdmin admin;

  private QueueCatalog(Set<String> names, QueueAdmin admin) {
    this.names = Set.copyOf(names);
    this.admin = admin;
  }

  static QueueCatalog of(Injector injector, Set<String> named, QueueAdmin admin) {
    Set<String> names = new TreeSet<>(named);
    for (Key<?> key : injector.getAllBindings().keySet()) {
      Job job = key.getTypeLiteral().getRawType().getAnnotation(Job.class);
      if (job != null) {
        names.add(job.value());
      }
    }
    return new QueueCatalog(names, admin);
  }

  /** The queue names, sorted. */
  Set<String> names() {
    Set<String> all = new TreeSet<>(names);
    all.addAll(admin.queues());
    return all;
  }
}
