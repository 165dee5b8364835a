package dev.errand.queue.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.queue.JobContext;
import dev.errand.queue.spi.CheckpointStore;
import dev.errand.queue.spi.QueueBackend;
import java.util.HashMap;
import java.util.Map;

/**
 * One run's step checkpoints: the finished steps read once, at the first step, and each newly
 * finished step written before the next one starts, so a kill between steps loses none.
 */
final class Checkpoints {

  private final CheckpointStore store;
  private final String queue;
  private final String jobId;
  private final ObjectMapper mapper;
  private Map<String, String> finished;

  Checkpoints(QueueBackend backend, String queue, String jobId, ObjectMapper mapper) {
    CheckpointStore found;
    try {
      found = backend.checkpoints();
    } catch (UnsupportedOperationException e) {
      found = null;
    }
    this.store = found;
    this.queue = queue;
    this.jobId = jobId;
    this.mapper = mapper;
  }

  synchronized <R> R step(String name, Class<R> type, JobContext.Checkpoint<R> step)
      throws Exception {
    if (store == null) {
      return step.run();
    }
    if (finished == null) {
      finished = new HashMap<>(store.load(queue, jobId));
    }
    String stored = finished.get(name);
    if (stored != null) {
      return type == Void.class ? null : mapper.readValue(stored, type);
    }
    R result = step.run();
    String json = mapper.writeValueAsString(result);
    store.save(queue, jobId, name, json);
    finished.put(name, json);
    return result;
  }
}
