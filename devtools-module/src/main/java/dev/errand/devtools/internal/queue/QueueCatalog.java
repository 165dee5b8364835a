package dev.errand.devtools.internal.queue;

import com.google.inject.Injector;
import com.google.inject.Key;
import dev.errand.queue.Job;
import java.util.Set;
import java.util.TreeSet;

/**
 * The queues the dashboard lists: those named in code ({@code DevToolsAdapter.withQueues}) plus
 * those this application consumes, found through the {@link Job @Job} processor classes bound in
 * its injector. Queues that are only produced to here must be named in code.
 */
final class QueueCatalog {

  private final Set<String> names;

  private QueueCatalog(Set<String> names) {
    this.names = Set.copyOf(names);
  }

  static QueueCatalog of(Injector injector, Set<String> named) {
    Set<String> names = new TreeSet<>(named);
    for (Key<?> key : injector.getAllBindings().keySet()) {
      Job job = key.getTypeLiteral().getRawType().getAnnotation(Job.class);
      if (job != null) {
        names.add(job.value());
      }
    }
    return new QueueCatalog(names);
  }

  /** The queue names, sorted. */
  Set<String> names() {
    return new TreeSet<>(names);
  }
}
