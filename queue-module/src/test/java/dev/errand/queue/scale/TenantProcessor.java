package dev.errand.queue.scale;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One processor for every tenant's queue: the tests list the others with withSameHandlers. */
@Job("tenant-000")
final class TenantProcessor {

  /** Which queue ran which job. */
  @Singleton
  static final class Runs {
    private final Set<String> ran = ConcurrentHashMap.newKeySet();

    boolean ran(String queue, String id) {
      return ran.contains(queue + "/" + id);
    }
  }

  private final Runs runs;

  @Inject
  TenantProcessor(Runs runs) {
    this.runs = runs;
  }

  @Process
  void run(Map<String, Object> payload, JobContext job) {
    runs.ran.add(job.queue() + "/" + job.id());
  }
}
