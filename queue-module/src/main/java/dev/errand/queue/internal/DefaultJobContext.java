package dev.errand.queue.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.queue.Dependencies;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobEvent;
import dev.errand.queue.internal.shard.QueueShards;
import dev.errand.queue.internal.workflow.StepDependencies;
import dev.errand.queue.spi.QueueBackend;
import java.util.Map;

/** The {@link JobContext} a handler sees: reads from the leased job, writes through the backend. */
final class DefaultJobContext implements JobContext {

  private final RunningJob run;
  private final String queue;
  private final String token;
  private final int maxAttempts;
  private final Map<String, String> metadata;
  private final QueueBackend backend;
  private final ObjectMapper mapper;
  private final EventHub events;
  private volatile Dependencies dependencies;
  private volatile Checkpoints checkpoints;

  DefaultJobContext(
      RunningJob run,
      String queue,
      String token,
      RunOptions options,
      QueueBackend backend,
      ObjectMapper mapper,
      EventHub events) {
    this.events = events;
    this.run = run;
    this.queue = queue;
    this.token = token;
    this.maxAttempts = options.attempts();
    this.metadata = options.metadata();
    this.backend = backend;
    this.mapper = mapper;
  }

  @Override
  public String id() {
    return run.job.id();
  }

  @Override
  public String name() {
    return run.job.name();
  }

  @Override
  public String queue() {
    return QueueShards.logical(queue);
  }

  @Override
  public int attempt() {
    return run.job.attempt();
  }

  @Override
  public int maxAttempts() {
    return maxAttempts;
  }

  @Override
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public void progress(int percent) {
    reportProgress(Integer.toString(percent));
  }

  private void reportProgress(String json) {
    backend.progress(queue, token, id(), json);
    events.local(new JobEvent(JobEvent.Type.PROGRESS, queue, id(), name(), attempt(), json, null));
  }

  @Override
  public void progress(Object progress) {
    try {
      reportProgress(mapper.writeValueAsString(progress));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Progress of job " + id() + " in queue '" + queue + "' cannot be written as JSON", e);
    }
  }

  @Override
  public void log(String line) {
    backend.log(queue, id(), line == null ? "null" : line);
  }

  @Override
  public boolean isCancelled() {
    return run.cancelled() != null;
  }

  @Override
  public void onCancel(Runnable action) {
    run.onCancel(action);
  }

  @Override
  public <R> R step(String name, Class<R> type, Checkpoint<R> step) throws Exception {
    Checkpoints c = checkpoints;
    if (c == null) {
      c = new Checkpoints(backend, queue, id(), mapper);
      checkpoints = c;
    }
    return c.step(name, type, step);
  }

  @Override
  public Dependencies dependencies() {
    Dependencies d = dependencies;
    if (d == null) {
      d = StepDependencies.of(backend::workflowStore, mapper, id());
      dependencies = d;
    }
    return d;
  }
}
