package dev.errand.queue.internal.redis;

import dev.errand.queue.spi.JobDraft;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges adds made at the same moment by many threads into one script call per queue. A lone add
 * goes out at once from the adding thread; adds arriving while {@value #MAX_CALLS_IN_FLIGHT} calls
 * are in flight wait, and the thread that sees a call complete sends them all as the next one. No
 * thread of its own: nobody has to be woken to send.
 */
final class AddBatcher {

  private static final Logger log = LoggerFactory.getLogger(AddBatcher.class);
  private static final int MAX_JOBS_PER_CALL = 2000;
  private static final int MAX_CALLS_IN_FLIGHT = 4;

  private record Request(
      String queue, List<JobDraft> drafts, CompletableFuture<List<String>> ids) {}

  private final BiFunction<String, List<JobDraft>, CompletableFuture<List<String>>> send;
  private final ConcurrentLinkedQueue<Request> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean open = true;

  /**
   * @param send sends one call; its future must fail by itself if no reply comes (the client's
   *     command timeout does that), so no adder waits forever
   */
  AddBatcher(BiFunction<String, List<JobDraft>, CompletableFuture<List<String>>> send) {
    this.send = send;
  }

  CompletableFuture<List<String>> add(String queue, List<JobDraft> drafts) {
    if (!open) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("The queue layer has stopped; no more jobs can be added"));
    }
    CompletableFuture<List<String>> ids = new CompletableFuture<>();
    pending.add(new Request(queue, drafts, ids));
    drain();
    return ids;
  }

  void close() {
    open = false;
    Request left;
    while ((left = pending.poll()) != null) {
      left.ids().completeExceptionally(new IllegalStateException("The queue layer has stopped"));
    }
  }

  /**
   * Sends what is pending while a call slot is free. Called after every add and every completed
   * call, so a request left pending is always picked up by one of them.
   */
  private void drain() {
    while (!pending.isEmpty()) {
      if (inFlight.incrementAndGet() > MAX_CALLS_IN_FLIGHT) {
        inFlight.decrementAndGet();
        return;
      }
      List<CompletableFuture<?>> calls;
      // One sender at a time, so calls reach the connection in the order their jobs were added.
      synchronized (this) {
        List<Request> batch = new ArrayList<>();
        int jobs = 0;
        Request next;
        while (jobs < MAX_JOBS_PER_CALL && (next = pending.poll()) != null) {
          batch.add(next);
          jobs += next.drafts().size();
        }
        if (batch.isEmpty()) {
          inFlight.decrementAndGet();
          continue;
        }
        calls = dispatch(batch);
      }
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
          .whenComplete(
              (ignored, error) -> {
                inFlight.decrementAndGet();
                drain();
              });
    }
  }

  private List<CompletableFuture<?>> dispatch(List<Request> batch) {
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
    return calls;
  }

  private static void complete(List<Request> requests, List<String> ids, Throwable error) {
    if (error != null) {
      Throwable cause =
          error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
      log.debug("Adding {} request(s) failed: {}", requests.size(), cause.toString());
      requests.forEach(r -> r.ids().completeExceptionally(cause));
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
