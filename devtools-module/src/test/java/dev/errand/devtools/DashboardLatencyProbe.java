package dev.errand.devtools;

import dev.errand.devtools.fixtures.DashProcessor;
import dev.errand.queue.QueueAdmin;
import dev.errand.testsupport.RedisServerProcess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Measures what each API call the page polls costs on a loaded Redis (a private server): 100 queues
 * of waiting jobs plus one queue with many completed jobs. Not a test: run it by hand (arguments:
 * completed jobs, waiting jobs per queue, calls per route) and read the table.
 */
final class DashboardLatencyProbe {

  private DashboardLatencyProbe() {}

  public static void main(String[] args) throws Exception {
    int completed = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int waitingPerQueue = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int calls = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    try (RedisServerProcess redis = RedisServerProcess.start();
        DashboardApp dash =
            new DashboardApp(
                Map.of(
                    "JOBS_BACKEND", "redis",
                    "REDIS_URL", redis.url(),
                    "JOBS_REMOVE_ON_COMPLETE", "all",
                    "JOBS_CONCURRENCY", "50"))) {
      String q = DashProcessor.QUEUE;
      long start = System.nanoTime();
      for (int i = 0; i < completed; i++) {
        dash.queue().add(q, "echo", Map.of("order", "ord-" + i));
      }
      QueueAdmin admin = dash.app.get(QueueAdmin.class);
      while (admin.counts(q).completed() < completed) {
        Thread.sleep(500);
      }
      for (int n = 0; n < 100; n++) {
        String name = String.format("q%03d", n);
        for (int i = 0; i < waitingPerQueue; i++) {
          dash.queue().add(name, "idle", Map.of("n", i));
        }
      }
      System.out.printf(
          "loaded %,d completed jobs and 100 queues of %,d waiting in %d s%n",
          completed, waitingPerQueue, (System.nanoTime() - start) / 1_000_000_000);
      Map<String, String> routes = new LinkedHashMap<>();
      routes.put("queues", "/api/queues");
      routes.put("one queue", "/api/queues/" + q);
      routes.put("jobs page", "/api/queues/" + q + "/jobs?state=completed&offset=0&limit=20");
      routes.put("job", "/api/queues/" + q + "/jobs/" + (completed / 2));
      routes.put("history hour, all", "/api/metrics/history?range=hour");
      routes.put("history day, all", "/api/metrics/history?range=day");
      routes.put("history hour, one", "/api/metrics/history?queue=" + q + "&range=hour");
      routes.put("workers", "/api/workers");
      routes.put("payload search", "/api/queues/" + q + "/search?text=ord-77&state=completed");
      routes.put("health", "/api/health");
      System.out.printf("%-20s %8s %8s %8s%n", "route", "p50 ms", "p99 ms", "max ms");
      for (var route : routes.entrySet()) {
        List<Double> millis = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> dash.get(route.getValue()));
        for (int i = 0; i < calls; i++) {
          long t = System.nanoTime();
          var answer = dash.get(route.getValue());
          millis.add((System.nanoTime() - t) / 1e6);
          if (answer.status() != 200) {
            throw new IllegalStateException(route.getValue() + " answered " + answer.status());
          }
        }
        millis.sort(Double::compare);
        System.out.printf(
            "%-20s %8.1f %8.1f %8.1f%n",
            route.getKey(),
            millis.get(millis.size() / 2),
            millis.get((int) Math.ceil(millis.size() * 0.99) - 1),
            millis.get(millis.size() - 1));
      }
    }
  }
}
