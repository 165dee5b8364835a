package dev.errand.queue.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.queue.JobOptions;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueService;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.QueueBackend;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes payloads as JSON and hands drafts to the backend, one call per queue. */
public final class DefaultQueueService implements QueueService {

  private final QueueBackend backend;
  private final ObjectMapper mapper;
  private final OptionsCodec codec;
  private final Clock clock;

  public DefaultQueueService(QueueBackend backend, ObjectMapper mapper, Clock clock) {
    this.backend = backend;
    this.mapper = mapper;
    this.codec = new OptionsCodec(mapper);
    this.clock = clock;
  }

  @Override
  public String add(String queue, String name, Object payload, JobOptions options) {
    NewJob job = new NewJob(queue, name, payload, options);
    return backend.add(queue, List.of(draft(job))).get(0);
  }

  @Override
  public List<String> addBulk(List<NewJob> jobs) {
    Map<String, List<Integer>> positions = new LinkedHashMap<>();
    Map<String, List<JobDraft>> drafts = new LinkedHashMap<>();
    for (int i = 0; i < jobs.size(); i++) {
      NewJob job = jobs.get(i);
      positions.computeIfAbsent(job.queue(), q -> new ArrayList<>()).add(i);
      drafts.computeIfAbsent(job.queue(), q -> new ArrayList<>()).add(draft(job));
    }
    String[] ids = new String[jobs.size()];
    drafts.forEach(
        (queue, queueDrafts) -> {
          List<String> added = backend.add(queue, queueDrafts);
          List<Integer> at = positions.get(queue);
          for (int i = 0; i < at.size(); i++) {
            ids[at.get(i)] = added.get(i);
          }
        });
    return List.of(ids);
  }

  private JobDraft draft(NewJob job) {
    String payload;
    try {
      payload = mapper.writeValueAsString(job.payload());
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "The payload of job '"
              + job.name()
              + "' for queue '"
              + job.queue()
              + "' cannot be written as JSON ("
              + e.getMessage()
              + "): use a record or a class with getters, or a Map",
          e);
    }
    JobOptions options = job.options();
    Instant runAt =
        options.runAt().orElseGet(() -> options.delay().map(clock.instant()::plus).orElse(null));
    return new JobDraft(
        job.name(),
        payload,
        codec.write(options),
        options.jobId().orElse(null),
        options.priority(),
        runAt);
  }
}
