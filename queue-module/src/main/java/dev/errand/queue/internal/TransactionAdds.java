package dev.errand.queue.internal;

import dev.errand.queue.JobAdder;
import dev.errand.queue.JobOptions;
import dev.errand.queue.NewJob;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.QueueBackend;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Adds on the caller's connection, in the caller's transaction; one backend call per queue. */
final class TransactionAdds implements JobAdder {

  private final QueueBackend backend;
  private final Connection connection;
  private final Function<NewJob, JobDraft> drafts;

  TransactionAdds(QueueBackend backend, Connection connection, Function<NewJob, JobDraft> drafts) {
    this.backend = backend;
    this.connection = Objects.requireNonNull(connection, "connection");
    this.drafts = drafts;
  }

  @Override
  public String add(String queue, String name, Object payload, JobOptions options) {
    JobDraft draft = drafts.apply(new NewJob(queue, name, payload, options));
    return backend.add(connection, queue, List.of(draft)).get(0);
  }

  @Override
  public List<String> addBulk(List<NewJob> jobs) {
    Map<String, List<Integer>> positions = new LinkedHashMap<>();
    Map<String, List<JobDraft>> byQueue = new LinkedHashMap<>();
    for (int i = 0; i < jobs.size(); i++) {
      NewJob job = jobs.get(i);
      positions.computeIfAbsent(job.queue(), q -> new ArrayList<>()).add(i);
      byQueue.computeIfAbsent(job.queue(), q -> new ArrayList<>()).add(drafts.apply(job));
    }
    String[] ids = new String[jobs.size()];
    byQueue.forEach(
        (queue, queued) -> {
          List<String> added = backend.add(connection, queue, queued);
          List<Integer> places = positions.get(queue);
          for (int i = 0; i < places.size(); i++) {
            ids[places.get(i)] = added.get(i);
          }
        });
    return List.of(ids);
  }
}
