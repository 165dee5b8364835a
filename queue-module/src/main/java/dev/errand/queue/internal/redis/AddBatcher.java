package dev.errand.queue.internal.redis;

import dev.errand.queue.spi.JobDraft;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges adds made at the same moment by many threads into one script call per queue. A lone add
 * goes out at once; adds arriving while earlier calls are in flight wait for the next call, so
 * under load each round trip carries many jobs. A few calls stay in flight at a time, in order on
 * the one connection.
 */
final class AddBatcher {

  private static final Logger log = LoggerFactory.getLogger(AddBatcher.class);
  private static final int MAX_JOBS_PER_CALL = 2000;
  private static final int MAX_CALLS_IN_FLIGHT = 4;

  private record Request(
      String queue, List<JobDraft> drafts, CompletableFuture<List<String>> ids) {}

  private final BiFunction<String, List<JobDraft>, CompletableFuture<List<String>>> send;
  private final LinkedBlockingQueue<Request> pending = new LinkedBlockingQueue<>();
  private final Semaphore inFlight = new Semaphore(MAX_CALLS_IN_FLIGHT);
  private final Thread sender;
  private volatile boolean open = true;

  AddBatcher(BiFunction<String, List<JobDraft>, CompletableFuture<List<String>>> send) {
    this.send = send;
    this.sender = new Thread(this::loop, "errand-queue-add");
    sender.setDaemon(true);
    sender.start();
  }

  CompletableFuture<List<String>> add(String queue, List<JobDraft> drafts) {
    if (!open) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("The queue layer has stopped; no more jobs can be added"));
    }
    CompletableFuture<List<String>> ids = new CompletableFuture<>();
    pending.add(new Request(queue, drafts, ids));
    return ids;
  }

  void close() {
    open = false;
    sender.interrupt();
    Request left;
    while ((left = pending.poll()) != null) {
      left.ids().completeExceptionally(new IllegalStateException("The queue layer has stopped"));
    }
  }

  private void loop() {
    List<Request> batch = new ArrayList<>();
    while (open) {
      try {
        batch.add(pending.take());
        inFlight.acquire();
      } catch (InterruptedException e) {
        batch.forEach(r -> r.ids().completeExceptionally(e));
        return;
      }
      int jobs = batch.get(0).drafts().size();
      Request next;
      while (jobs < MAX_JOBS_PER_CALL && (next = pending.poll()) != null) {
        batch.add(next);
        jobs += next.drafts().size();
      }
      dispatch(batch);
      batch = new ArrayList<>();
    }
  }

  private void dispatch(List<Request> batch) {
    Map<String, List<Request>> byQueue = new LinkedHashMap<>();
    for (Request request : batch) {
      byQueue.computeIfAbsent(request.queue(), q -> new ArrayList<>()).add(request);
    }
    List<CompletableFuture<?>> calls = new ArrayList<>();
    byQueue.forEach(
        (queue, requests) -> {
          List<JobDraft> drafts = new ArrayList<>();
          requests.forEach(r -> drafts.addAll(r.drafts()));
          CompletableFuture<List<String>> call;
          try {
            call = send.apply(queue, drafts);
          } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
          }
          calls.add(call.whenComplete((ids, error) -> complete(requests, ids, error)));
        });
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
        .whenComplete((ignored, error) -> inFlight.release());
  }

  private static void complete(List<Request> requests, List<String> ids, Throwable error) {
    if (error != null) {
      log.debug("Adding {} request(s) failed: {}", requests.size(), error.toString());
      requests.forEach(r -> r.ids().completeExceptionally(error));
      return;
    }
    int at = 0;
    for (Request request : requests) {
      int n = request.drafts().size();
      request.ids().complete(ids.subList(at, at + n));
      at += n;
    }
  }
}
