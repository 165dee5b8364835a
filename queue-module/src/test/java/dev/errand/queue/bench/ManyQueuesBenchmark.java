package dev.errand.queue.bench;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * One process consuming many idle queues, as with a queue per tenant: what idling costs Redis and
 * the process, and how soon a job added to an idle queue starts.
 *
 * <ol>
 *   <li>starts one application consuming QUEUES queues (one processor, {@code withSameHandlers})
 *       and waits until every worker has registered as idle;
 *   <li>counts Redis commands (INFO {@code total_commands_processed}, which counts the commands
 *       scripts run too) and CPU over {@code errand.bench.idleSeconds} seconds (default 10) of
 *       idling;
 *   <li>counts the queue layer's platform threads and the application's connections to Redis
 *       (CLIENT LIST without the benchmark's own);
 *   <li>adds a job to a random idle queue SAMPLES times, one at a time, timing each from the add
 *       call to its handler's start.
 * </ol>
 *
 * <p>Usage: {@code ManyQueuesBenchmark REDIS_URL [QUEUES] [SAMPLES]}, on a private one-server Redis
 * (the benchmark reads the server's whole command count). The last line printed is one JSON object.
 */
public final class ManyQueuesBenchmark {

  private static final long IDLE_SECONDS = Long.getLong("errand.bench.idleSeconds", 10);

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
    int queues = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int samples = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    List<String> names =
        IntStream.range(0, queues).mapToObj(i -> String.format("tenant-%03d", i)).toList();
    String prefix = "errand-many-" + Long.toString(System.currentTimeMillis(), 36);
    RedisClient client = RedisClient.create(url);
    StatefulRedisConnection<String, String> connection = client.connect();
    RedisCommands<String, String> redis = connection.sync();

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("queues", queues);
    long t0 = System.nanoTime();
    ErrandApp app = start(url, prefix, names);
    while (redis.keys(prefix + ":{tenant-*}:idle").size() < queues) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    result.put("start_until_idle_ms", Math.round((System.nanoTime() - t0) / 1e6));

    long commands = stat(redis, "stats", "total_commands_processed:");
    long scripts = stat(redis, "commandstats", "cmdstat_evalsha:calls=");
    double redisCpu = redisCpuSeconds(redis);
    long jvmCpu = CpuMeter.jvmNanos();
    long idleStart = System.nanoTime();
    TimeUnit.SECONDS.sleep(IDLE_SECONDS);
    double idleSec = (System.nanoTime() - idleStart) / 1e9;
    result.put("idle_seconds", round(idleSec));
    result.put(
        "idle_commands_per_s",
        round((stat(redis, "stats", "total_commands_processed:") - commands) / idleSec));
    result.put(
        "idle_script_calls_per_s",
        round((stat(redis, "commandstats", "cmdstat_evalsha:calls=") - scripts) / idleSec));
    result.put(
        "idle_redis_cpu_ms_per_s", round((redisCpuSeconds(redis) - redisCpu) * 1000 / idleSec));
    result.put("idle_jvm_cpu_ms_per_s", round((CpuMeter.jvmNanos() - jvmCpu) / 1e6 / idleSec));

    result.put("queue_platform_threads", platformThreads("errand-queue"));
    result.put("jvm_platform_threads", platformThreads(""));
    long self = redis.clientId();
    List<String> clients =
        redis.clientList().lines().filter(l -> !l.startsWith("id=" + self + " ")).toList();
    result.put("app_connections", clients.size());
    result.put("pubsub_connections", clients.stream().filter(l -> !l.contains(" sub=0 ")).count());
    result.put("blocked_connections", clients.stream().filter(l -> l.contains(" flags=b")).count());

    double[] latencies = latencies(app, names, samples);
    result.put("start_latency_ms_p50", round(latencies[(int) Math.floor(samples * 0.5)]));
    result.put("start_latency_ms_p99", round(latencies[(int) Math.floor(samples * 0.99)]));
    result.put("start_latency_ms_max", round(latencies[samples - 1]));
    app.stop();
    connection.close();
    client.shutdown();
    System.out.println(JsonLine.of(result));
    System.exit(0);
  }

  private static ErrandApp start(String url, String prefix, List<String> names) {
    Settings settings =
        Settings.of(
            Map.of(
                "JOBS_BACKEND",
                "redis",
                "REDIS_URL",
                url,
                "JOBS_KEY_PREFIX",
                prefix,
                "JOBS_CONCURRENCY",
                "1"));
    QueueAdapter adapter =
        new QueueAdapter(QueueSettings.from(settings))
            .withClasses(TenantStarts.class)
            .withSameHandlers(names.get(0), names.subList(1, names.size()));
    return ErrandApp.builder().settings(settings).adapters(adapter).shutdownHook(false).start();
  }

  /** Adds to a random queue not among the last few used, which may not be idle again yet. */
  private static double[] latencies(ErrandApp app, List<String> names, int samples)
      throws Exception {
    QueueService queue = app.get(QueueService.class);
    TenantStarts.Started started = app.get(TenantStarts.Started.class);
    Random random = new Random(42);
    Deque<String> recent = new ArrayDeque<>();
    double[] latencies = new double[samples];
    for (int k = 0; k < samples; k++) {
      String name;
      do {
        name = names.get(random.nextInt(names.size()));
      } while (recent.contains(name));
      recent.addLast(name);
      if (recent.size() > Math.min(10, names.size() / 2)) {
        recent.removeFirst();
      }
      long t0 = System.nanoTime();
      queue.add(name, "sample", new TenantStarts.Sample(k));
      long at = started.of(k).get(30, TimeUnit.SECONDS);
      latencies[k] = (at - t0) / 1e6;
    }
    Arrays.sort(latencies);
    return latencies;
  }

  private static long platformThreads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.isVirtual() && t.getName().startsWith(prefix))
        .count();
  }

  private static long stat(RedisCommands<String, String> redis, String section, String prefix) {
    for (String line : redis.info(section).split("\r?\n")) {
      if (line.startsWith(prefix)) {
        String value = line.substring(prefix.length());
        int comma = value.indexOf(',');
        return Long.parseLong((comma < 0 ? value : value.substring(0, comma)).trim());
      }
    }
    return 0;
  }

  private static double redisCpuSeconds(RedisCommands<String, String> redis) {
    double seconds = 0;
    for (String line : redis.info("cpu").split("\r?\n")) {
      if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
        seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return seconds;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
