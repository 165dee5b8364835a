package dev.errand.devtools.bench;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.devtools.DevToolsAdapter;
import dev.errand.devtools.DevToolsSettings;
import dev.errand.queue.Job;
import dev.errand.queue.NewJob;
import dev.errand.queue.Process;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.Callgrind;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The dashboard against a big Redis: QUEUES queues holding JOBS_PER_QUEUE completed jobs each (all
 * kept), then each of the page's API calls timed CALLS times (p50, p99, max), and Redis CPU per
 * processed job on a busy queue with and without a dashboard page polling as an open page does.
 *
 * <p>{@code DashboardLoadBenchmark REDIS_URL [QUEUES] [JOBS_PER_QUEUE] [CALLS]}, default 100 x
 * 10,000 and 300, on a private one-server Redis (it reads the server's CPU time). The last line
 * printed is one JSON object.
 */
public final class DashboardLoadBenchmark {

  private static final String TOKEN = "bench-token-0123456789abcdef";

  /** Completes every job it is given. */
  @Job("q000")
  public static final class Sink {
    @Process("done")
    public void done(Map<String, Object> payload) {}
  }

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
    int queues = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int perQueue = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    int calls = args.length > 3 ? Integer.parseInt(args[3]) : 300;
    List<String> names = IntStream.range(0, queues).mapToObj(i -> "q%03d".formatted(i)).toList();
    String prefix = "errand-dash-" + Long.toString(System.currentTimeMillis(), 36);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("queues", queues);
    result.put("completed_jobs", (long) queues * perQueue);

    ErrandApp app = start(url, prefix, names);
    try {
      QueueService queue = app.get(QueueService.class);
      QueueAdmin admin = app.get(QueueAdmin.class);
      long t0 = System.nanoTime();
      fill(queue, names, perQueue);
      long total = (long) queues * perQueue;
      while (names.stream().mapToLong(q -> admin.counts(q).completed()).sum() < total) {
        Thread.sleep(500);
      }
      System.err.printf(Locale.ROOT, "filled in %.0f s%n", (System.nanoTime() - t0) / 1e9);

      URI base =
          app.adapters().stream()
              .filter(DevToolsAdapter.class::isInstance)
              .map(a -> ((DevToolsAdapter) a).url().orElseThrow())
              .findFirst()
              .orElseThrow();
      HttpClient http = HttpClient.newHttpClient();
      Random random = new Random(7);
      String middle = names.get(queues / 2);
      String anyId = admin.jobs(middle, dev.errand.queue.JobState.COMPLETED, 0, 1).get(0).id();
      Map<String, IntFunction<String>> paths = new LinkedHashMap<>();
      paths.put("queues", i -> "/api/queues");
      paths.put("queue", i -> "/api/queues/" + names.get(random.nextInt(queues)));
      paths.put(
          "completed_first_page",
          i -> "/api/queues/" + names.get(random.nextInt(queues)) + "/jobs?state=completed");
      paths.put(
          "completed_deep_page",
          i ->
              "/api/queues/"
                  + names.get(random.nextInt(queues))
                  + "/jobs?state=completed&offset="
                  + (perQueue - 100));
      paths.put("job", i -> "/api/queues/" + middle + "/jobs/" + anyId);
      paths.put("history_all_hour", i -> "/api/metrics/history?range=hour");
      paths.put("history_all_day", i -> "/api/metrics/history?range=day");
      paths.put("history_queue_day", i -> "/api/metrics/history?queue=" + middle + "&range=day");
      paths.put("workers", i -> "/api/workers");
      paths.put(
          "payload_search",
          i -> "/api/queues/" + names.get(random.nextInt(queues)) + "/search?text=c-" + i % 977);
      for (var path : paths.entrySet()) {
        result.put(path.getKey() + "_ms", time(http, base, path.getValue(), calls));
      }

      result.put("redis_us_per_job_without_dashboard", busyQueueCost(url, queue, admin, null));
      result.put(
          "redis_us_per_job_with_dashboard_polling",
          busyQueueCost(url, queue, admin, () -> poll(http, base, names)));
    } finally {
      app.stop();
    }
    StringBuilder json = new StringBuilder("{");
    result.forEach(
        (k, v) ->
            json.append(json.length() > 1 ? ", " : "")
                .append('"')
                .append(k)
                .append("\": ")
                .append(v instanceof String ? "\"" + v + "\"" : v));
    System.out.println(json.append('}'));
    System.exit(0);
  }

  private static ErrandApp start(String url, String prefix, List<String> names) {
    Map<String, String> values = new HashMap<>();
    values.put("JOBS_BACKEND", "redis");
    values.put("REDIS_URL", url);
    values.put("JOBS_KEY_PREFIX", prefix);
    values.put("JOBS_REMOVE_ON_COMPLETE", "all");
    values.put("JOBS_CONCURRENCY", "8");
    values.put("DEVTOOLS_ENABLED", "true");
    values.put("DEVTOOLS_TOKEN", TOKEN);
    values.put("DEVTOOLS_PORT", "0");
    Settings settings = Settings.of(values);
    return ErrandApp.builder()
        .settings(settings)
        .adapters(
            new QueueAdapter(QueueSettings.from(settings))
                .withClasses(Sink.class)
                .withSameHandlers("q000", names.subList(1, names.size())),
            new DevToolsAdapter(DevToolsSettings.from(settings)))
        .shutdownHook(false)
        .start();
  }

  private static void fill(QueueService queue, List<String> names, int perQueue) {
    List<NewJob> batch = new ArrayList<>();
    for (String name : names) {
      for (int i = 0; i < perQueue; i++) {
        batch.add(NewJob.of(name, "done", Map.of("n", i, "customer", "c-" + (i % 977))));
        if (batch.size() == 1000) {
          queue.addBulk(batch);
          batch.clear();
        }
      }
    }
    if (!batch.isEmpty()) {
      queue.addBulk(batch);
    }
  }

  /** Times {@code calls} GETs of the paths {@code path} gives: "p50/p99/max". */
  private static String time(HttpClient http, URI base, IntFunction<String> path, int calls)
      throws Exception {
    for (int i = 0; i < calls / 3; i++) {
      get(http, base, path.apply(i)); // warm-up: the server's code compiled, as in a live app
    }
    double[] ms = new double[calls];
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> response = get(http, base, path.apply(i));
      ms[i] = (System.nanoTime() - t0) / 1e6;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path.apply(i) + " answered " + response.statusCode());
      }
    }
    java.util.Arrays.sort(ms);
    return String.format(
        Locale.ROOT,
        "%.2f/%.2f/%.2f",
        ms[calls / 2],
        ms[(int) Math.ceil(calls * 0.99) - 1],
        ms[calls - 1]);
  }

  private static HttpResponse<String> get(HttpClient http, URI base, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + TOKEN)
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** What an open page asks for every refresh: the overview, one queue and its first page. */
  private static void poll(HttpClient http, URI base, List<String> names) {
    try {
      get(http, base, "/api/queues");
      get(http, base, "/api/queues/q000");
      get(http, base, "/api/queues/q000/jobs?state=completed");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Redis CPU µs per job while 20,000 jobs of q000 are processed, with {@code poller} run every
   * second meanwhile (a page refreshes every 3 s; three pages open, say) or none.
   */
  private static String busyQueueCost(
      String url, QueueService queue, QueueAdmin admin, Runnable poller) throws Exception {
    int jobs = 20_000;
    admin.pause("q000");
    long before = admin.counts("q000").completed();
    List<NewJob> batch = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      batch.add(NewJob.of("q000", "done", Map.of("n", i)));
      if (batch.size() == 1000) {
        queue.addBulk(batch);
        batch.clear();
      }
    }
    RedisClient client = RedisClient.create(url);
    try (var connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      double cpu0 = cpu(redis);
      Optional<Callgrind> callgrind = Callgrind.fromSystemProperty();
      callgrind.ifPresent(Callgrind::zero);
      long t0 = System.nanoTime();
      admin.resume("q000");
      long nextPoll = System.nanoTime();
      while (admin.counts("q000").completed() < before + jobs) {
        if (poller != null && System.nanoTime() >= nextPoll) {
          poller.run();
          nextPoll = System.nanoTime() + 1_000_000_000L;
        }
        Thread.sleep(20);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpu = cpu(redis) - cpu0;
      // Under callgrind Redis runs some 30 times slower, so the page polls as often per job as it
      // would at a thirtieth of the rate: its share of the count is an upper bound.
      String instructions =
          callgrind
              .map(c -> String.format(Locale.ROOT, ", %.1f kIr/job", c.instructions() / 1e3 / jobs))
              .orElse("");
      return String.format(
          Locale.ROOT,
          "%.1f us/job at %.0f jobs/s%s",
          cpu * 1e6 / jobs,
          jobs / seconds,
          instructions);
    } finally {
      client.shutdown();
    }
  }

  private static double cpu(RedisCommands<String, String> redis) {
    double total = 0;
    for (String line : redis.info("cpu").split("\r?\n")) {
      if (line.startsWith("used_cpu_user_main_thread:")
          || line.startsWith("used_cpu_sys_main_thread:")) {
        total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return total;
  }
}
