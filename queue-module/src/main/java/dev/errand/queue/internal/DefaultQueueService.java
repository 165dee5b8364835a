package dev.errand.queue.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.queue.Deduplication;
import dev.errand.queue.JobAdder;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobOutcome;
import dev.errand.queue.JobType;
import dev.errand.queue.JobWaitTimeoutException;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueService;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.QueueBackend;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Writes payloads as JSON and hands drafts to the backend, one call per queue. */
public final class DefaultQueueService implements QueueService {

  private final QueueBackend backend;
  private final ObjectMapper mapper;
  private final OptionsCodec codec;
  private final Clock clock;
  private final EventHub events;
  private final JobTypeCheck jobTypes;
  private final Interceptors interceptors;
  private final Map<String, Boolean> subscribed = new ConcurrentHashMap<>();

  public DefaultQueueService(
      QueueBackend backend,
      ObjectMapper mapper,
      Clock clock,
      EventHub events,
      JobTypeCheck jobTypes) {
    this(backend, mapper, clock, events, jobTypes, new Interceptors());
  }

  public DefaultQueueService(
      QueueBackend backend,
      ObjectMapper mapper,
      Clock clock,
      EventHub events,
      JobTypeCheck jobTypes,
      Interceptors interceptors) {
    this.interceptors = interceptors;
    this.backend = backend;
    this.mapper = mapper;
    this.codec = new OptionsCodec(mapper);
    this.clock = clock;
    this.events = events;
    this.jobTypes = jobTypes;
  }

  @Override
  public <T> String add(JobType<T> type, T payload) {
    return add(type, payload, JobOptions.defaults());
  }

  @Override
  public <T> String add(JobType<T> type, T payload, JobOptions options) {
    jobTypes.check(type);
    return add(type.queue(), type.name(), payload, options);
  }

  @Override
  public <T> JobOutcome addAndWait(JobType<T> type, T payload, Duration timeout) {
    jobTypes.check(type);
    return addAndWait(type.queue(), type.name(), payload, JobOptions.defaults(), timeout);
  }

  @Override
  public JobOutcome addAndWait(
      String queue, String name, Object payload, JobOptions options, Duration timeout) {
    listen(queue);
    Waiters waiters = events.waiters();
    String id;
    CompletableFuture<JobOutcome> outcome;
    waiters.beginAdd();
    try {
      id = add(queue, name, payload, options);
      outcome = waiters.register(queue, id);
    } finally {
      waiters.endAdd();
    }
    try {
      return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      waiters.forget(queue, id, outcome);
      throw new JobWaitTimeoutException(
          id,
          "Job "
              + id
              + " ('"
              + name
              + "', queue '"
              + queue
              + "') did not finish within "
              + timeout.toMillis()
              + " ms; it is stored and goes on: look it up with QueueAdmin#job, or wait longer");
    } catch (InterruptedException e) {
      waiters.forget(queue, id, outcome);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for job " + id, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Waiting for job " + id + " failed", e.getCause());
    }
  }

  /** Hears the queue's events from every process; once per queue, before the first add. */
  private void listen(String queue) {
    if (subscribed.containsKey(queue)) {
      return;
    }
    synchronized (subscribed) {
      if (subscribed.containsKey(queue)) {
        return;
      }
      try {
        backend.subscribe(queue, events::remote);
      } catch (UnsupportedOperationException e) {
        // A backend without events: only jobs this process runs can be waited for.
      }
      subscribed.put(queue, Boolean.TRUE);
    }
  }

  @Override
  public String add(String queue, String name, Object payload, JobOptions options) {
    NewJob job = new NewJob(queue, name, payload, options);
    return backend.add(queue, List.of(draft(job))).get(0);
  }

  @Override
  public JobAdder inTransaction(Connection connection) {
    return new TransactionAdds(backend, connection, this::draft);
  }

  @Override
  public List<String> addBulk(List<NewJob> jobs) {
    // Jobs go out in chunks without waiting, so the backend stores one chunk while the next is
    // written as JSON; the chunks of a queue keep their order.
    String[] ids = new String[jobs.size()];
    Map<String, Chunk> open = new LinkedHashMap<>();
    List<CompletableFuture<?>> calls = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      NewJob job = jobs.get(i);
      Chunk chunk = open.computeIfAbsent(job.queue(), q -> new Chunk());
      chunk.positions.add(i);
      chunk.drafts.add(draft(job));
      if (chunk.drafts.size() == BULK_CHUNK) {
        calls.add(send(job.queue(), open.remove(job.queue()), ids));
      }
    }
    open.forEach((queue, chunk) -> calls.add(send(queue, chunk, ids)));
    try {
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
    return List.of(ids);
  }

  private static final int BULK_CHUNK = 250;

  /** Drafts of one queue waiting to be sent, with their places in the caller's list. */
  private static final class Chunk {
    final List<Integer> positions = new ArrayList<>();
    final List<JobDraft> drafts = new ArrayList<>();
  }

  private CompletableFuture<?> send(String queue, Chunk chunk, String[] ids) {
    return backend
        .addAsync(queue, chunk.drafts)
        .thenAccept(
            added -> {
              for (int i = 0; i < chunk.positions.size(); i++) {
                ids[chunk.positions.get(i)] = added.get(i);
              }
            });
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
    JobOptions options =
        interceptors.isEmpty()
            ? job.options()
            : interceptors.onAdd(job.queue(), job.name(), job.options());
    Instant runAt =
        options.runAt().orElseGet(() -> options.delay().map(clock.instant()::plus).orElse(null));
    Deduplication deduplication = options.deduplication().orElse(null);
    if (deduplication != null && deduplication.mode() == Deduplication.Mode.DEBOUNCE) {
      runAt = clock.instant().plus(deduplication.window());
    }
    return new JobDraft(
        job.name(),
        payload,
        codec.write(options),
        options.jobId().orElse(null),
        options.priority(),
        runAt,
        options.group().orElse(null),
        deduplication);
  }
}
