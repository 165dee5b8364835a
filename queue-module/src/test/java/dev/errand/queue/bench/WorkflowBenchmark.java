package dev.errand.queue.bench;

import static dev.errand.queue.bench.WorkflowBenchProcessor.SINK;
import static dev.errand.queue.bench.WorkflowBenchProcessor.STEP;

import com.zaxxer.hikari.HikariDataSource;
import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandRedis;
import dev.errand.core.Settings;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobListener;
import dev.errand.queue.JobOptions;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowService;
import dev.errand.queue.bench.BenchProcessor.Payload;
import dev.errand.testsupport.RedisServerProcess;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The workflow benchmark, on a private Redis it starts (so that its command counts are its own), or
 * on the PostgreSQL backend when {@code DATABASE_URL} is a {@code jdbc:postgresql:} URL (tables
 * under a fresh prefix, no command counts; errand-queue-postgres on the classpath): a
 * fan-out/fan-in of 1 -> N -> 1 jobs against N + 2 plain jobs added in bulk, and a chain of ten
 * steps against ten plain jobs run one after another, each from the add to the last completion with
 * one worker. It reports the times, their ratio, the extra Redis commands and time per edge: the
 * medians of rounds that alternate ({@code errand.bench.rounds}, default 5). Usage: {@code
 * WorkflowBenchmark [N] [CONCURRENCY]}; the last line printed is one JSON object.
 */
public final class WorkflowBenchmark {

  private static final int ROUNDS = Integer.getInteger("errand.bench.rounds", 5);

  /**
   * Warm-up rounds before the measured ones ({@code errand.bench.warmups}, default 3) at least;
   * more follow until the JIT is quiet (see {@link #warmUp}).
   */
  private static final int WARMUPS = Integer.getInteger("errand.bench.warmups", 3);

  /**
   * The JIT counts as quiet once {@value} warm-up rounds in a row spent less than {@link
   * #QUIET_JIT_MS} ms compiling between them.
   */
  private static final int QUIET_ROUNDS = 3;

  private static final long QUIET_JIT_MS = 30;

  /** How long warming up may take at most, in seconds ({@code errand.bench.warmupSeconds}). */
  private static final int WARMUP_SECONDS = Integer.getInteger("errand.bench.warmupSeconds", 120);

  private static final String PAD = "x".repeat(100);

  private final ErrandApp app;
  private final ErrandRedis redis;
  private final Map<String, CountDownLatch> waits = new ConcurrentHashMap<>();
  private final Map<String, Long> lastCompleted = new ConcurrentHashMap<>();

  private WorkflowBenchmark(String url, int concurrency) {
    boolean postgres = url.startsWith("jdbc:");
    Settings settings =
        Settings.of(
            Map.of(
                "JOBS_PROVIDER",
                postgres ? "postgres" : "redis",
                "REDIS_URL",
                postgres ? "redis://127.0.0.1:6379" : url,
                "JOBS_TABLE_PREFIX",
                "wfbench_" + System.currentTimeMillis() + "_",
                "JOBS_QUEUE_WFBENCH_CONCURRENCY",
                Integer.toString(concurrency),
                "JOBS_REMOVE_ON_COMPLETE",
                "none"));
    ErrandApp.Builder builder = ErrandApp.builder();
    if (postgres) {
      HikariDataSource pool = new HikariDataSource();
      pool.setJdbcUrl(url);
      pool.setUsername(System.getenv().getOrDefault("DATABASE_USER", "postgres"));
      pool.setMaximumPoolSize(20);
      builder.modules(binder -> binder.bind(DataSource.class).toInstance(pool));
    }
    app =
        builder
            .settings(settings)
            .adapters(
                new QueueAdapter(QueueSettings.from(settings))
                    .withClasses(WorkflowBenchProcessor.class)
                    .withListener(
                        new JobListener() {
                          @Override
                          public void on(JobEvent event) {
                            if (event.type() == JobEvent.Type.COMPLETED) {
                              lastCompleted.put(stepKind(event.id()), System.nanoTime());
                            }
                            CountDownLatch latch = waits.get(event.id());
                            if (latch != null && event.type() == JobEvent.Type.COMPLETED) {
                              latch.countDown();
                            }
                          }
                        }))
            .shutdownHook(false)
            .start();
    redis = postgres ? null : app.get(ErrandRedis.class);
  }

  /**
   * The kind of step a job id names, its step id without the trailing number ({@code wf:f:m42} is
   * {@code m}): parsed by hand, since a regular expression compiled for each of a thousand events
   * would cost this JVM more than the work measured.
   */
  private static String stepKind(String jobId) {
    int end = jobId.length();
    while (end > 0 && Character.isDigit(jobId.charAt(end - 1))) {
      end--;
    }
    return jobId.substring(jobId.lastIndexOf(':') + 1, end);
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    String database = System.getenv("DATABASE_URL");
    if (database != null && database.startsWith("jdbc:postgresql:")) {
      runOn(database, n, concurrency);
    } else {
      try (RedisServerProcess server = RedisServerProcess.start()) {
        runOn(server.url(), n, concurrency);
      }
    }
    System.exit(0);
  }

  private static void runOn(String url, int n, int concurrency) throws Exception {
    WorkflowBenchmark bench = new WorkflowBenchmark(url, concurrency);
    Map<String, Object> result = bench.run(n);
    if (bench.redis == null) {
      result.keySet().removeIf(key -> key.contains("commands") || key.contains("redis_cpu"));
    }
    result.put("backend", bench.redis == null ? "postgres" : "redis");
    System.out.println(JsonLine.of(result));
    bench.app.stop();
  }

  /** Redis's count of commands so far; 0 on PostgreSQL, which has no such count. */
  private long commands() {
    if (redis == null) {
      return 0;
    }
    return (long) infoField(redis.commands().info("stats"), "total_commands_processed");
  }

  /**
   * The CPU time Redis has used, in ms: unlike the elapsed time, other processes on a busy machine
   * barely change it, so it compares runs made at different times. 0 on PostgreSQL.
   */
  private double redisCpuMillis() {
    if (redis == null) {
      return 0;
    }
    String cpu = redis.commands().info("cpu");
    return (infoField(cpu, "used_cpu_user") + infoField(cpu, "used_cpu_sys")) * 1000;
  }

  private static double infoField(String info, String field) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(field + ":")) {
        return Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    throw new IllegalStateException("no " + field + " in INFO");
  }

  /** Time (ms), Redis commands, and Redis's and this JVM's CPU time (ms) of one measured action. */
  private record Cost(double millis, long commands, double redisCpuMillis, double jvmCpuMillis) {}

  private interface Action {
    void run() throws Exception;
  }

  private Cost measure(Action action) throws Exception {
    long before = commands();
    double cpuBefore = redisCpuMillis();
    long jvmBefore = CpuMeter.jvmNanos();
    long start = System.nanoTime();
    action.run();
    double millis = (System.nanoTime() - start) / 1e6;
    double jvm = (CpuMeter.jvmNanos() - jvmBefore) / 1e6;
    double cpu = redisCpuMillis() - cpuBefore;
    // The INFO calls themselves are four commands, of which the first is counted before.
    return new Cost(millis, commands() - before - 3, cpu, jvm);
  }

  private void await(String jobId, int count) throws InterruptedException {
    CountDownLatch latch = waits.get(jobId);
    if (!latch.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("job " + jobId + " did not complete in time");
    }
    waits.remove(jobId);
  }

  private CountDownLatch expect(String jobId) {
    CountDownLatch latch = new CountDownLatch(1);
    waits.put(jobId, latch);
    return latch;
  }

  private Cost plainBulk(String tag, int count) throws Exception {
    List<NewJob> jobs = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = tag + "-" + i;
      ids.add(id);
      jobs.add(STEP.job(new Payload(i, PAD), JobOptions.builder().jobId(id).build()));
    }
    ids.forEach(this::expect);
    return measure(
        () -> {
          app.get(QueueService.class).addBulk(jobs);
          for (String id : ids) {
            await(id, 1);
          }
        });
  }

  private Cost fanOutFanIn(String tag, int n) throws Exception {
    Workflow flow = Workflow.withId(tag);
    Workflow.Step root = flow.step("root", STEP, new Payload(0, PAD));
    List<Workflow.Step> middle = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      middle.add(flow.step("m" + i, STEP, new Payload(i, PAD)).after(root));
    }
    flow.step("sink", SINK, new Payload(n, PAD)).after(middle);
    String sink = "wf:" + tag + ":sink";
    expect(sink);
    long[] added = new long[2];
    WorkflowBenchProcessor.firstMiddle = 0;
    Cost cost =
        measure(
            () -> {
              added[0] = System.nanoTime();
              app.get(WorkflowService.class).add(flow);
              added[1] = System.nanoTime();
              await(sink, 1);
            });
    if (tag.startsWith("warm-")) {
      return cost;
    }
    System.err.printf(
        "  add %.1f ms, first middle start %.1f ms, root done %.1f ms, last middle done %.1f ms, sink done %.1f ms%n",
        (added[1] - added[0]) / 1e6,
        (WorkflowBenchProcessor.firstMiddle - added[0]) / 1e6,
        (lastCompleted.get("root") - added[0]) / 1e6,
        (lastCompleted.get("m") - added[0]) / 1e6,
        (lastCompleted.get("sink") - added[0]) / 1e6);
    return cost;
  }

  private Cost chain(String tag, int steps) throws Exception {
    Workflow flow = Workflow.withId(tag);
    Workflow.Step last = flow.step("s0", STEP, new Payload(0, PAD));
    for (int i = 1; i < steps; i++) {
      last = last.then("s" + i, STEP, new Payload(i, PAD));
    }
    String end = "wf:" + tag + ":s" + (steps - 1);
    expect(end);
    return measure(
        () -> {
          app.get(WorkflowService.class).add(flow);
          await(end, 1);
        });
  }

  private Cost plainSequence(String tag, int steps) throws Exception {
    QueueService queue = app.get(QueueService.class);
    return measure(
        () -> {
          for (int i = 0; i < steps; i++) {
            String id = tag + "-" + i;
            expect(id);
            queue.add(STEP, new Payload(i, PAD), JobOptions.builder().jobId(id).build());
            await(id, 1);
          }
        });
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  /**
   * Runs warm-up rounds of every kind until the JIT is quiet, and returns how many ran. On two
   * cores the compiler threads take one of them for the first tens of seconds, and the workflow's
   * paths (more code, each called less often than a job's) compile last: measured any earlier, the
   * workflow's figures are mostly the JIT's (about 90 ms of compiler CPU a round after 15 warm-up
   * rounds, against almost none after 150).
   */
  private int warmUp(int n) throws Exception {
    long deadline = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
    int quiet = 0;
    int w = 0;
    while (w < WARMUPS || (quiet < QUIET_ROUNDS && System.nanoTime() < deadline)) {
      long jit = jitMillis();
      plainBulk("warm-plain-" + w, n + 2);
      fanOutFanIn("warm-fan-" + w, n);
      chain("warm-chain-" + w, 10);
      plainSequence("warm-seq-" + w, 10);
      quiet = jitMillis() - jit < QUIET_JIT_MS ? quiet + 1 : 0;
      w++;
    }
    System.err.printf("warmed up in %d rounds (JIT quiet: %b)%n", w, quiet >= QUIET_ROUNDS);
    return w;
  }

  /**
   * Measured rounds of one kind only ({@code errand.bench.only=fan} or {@code plain}), for a
   * profiler attached to this JVM or to Redis between the two lines {@code measuring} and {@code
   * measured} on stderr; then this JVM's CPU time by kind of thread over those rounds.
   */
  private Map<String, Object> runOnly(String kind, int n) throws Exception {
    Map<String, Long> threadsBefore = ThreadCpu.ticks();
    System.err.println("measuring");
    List<Double> millis = new ArrayList<>();
    for (int r = 0; r < ROUNDS; r++) {
      Cost cost = kind.equals("fan") ? fanOutFanIn("only-" + r, n) : plainBulk("only-" + r, n + 2);
      millis.add(cost.millis());
    }
    System.err.println("measured");
    System.err.print(ThreadCpu.since(threadsBefore, ThreadCpu.ticks()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(kind + "_ms", median(millis));
    return out;
  }

  /** The time this JVM's compilers have spent so far, in ms. */
  private static long jitMillis() {
    return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }

  private Map<String, Object> run(int n) throws Exception {
    String only = System.getProperty("errand.bench.only");
    if (only != null && !only.equals("fan") && !only.equals("plain")) {
      throw new IllegalArgumentException("errand.bench.only is fan or plain, not " + only);
    }
    int warmups = warmUp(n);
    if (only != null) {
      return runOnly(only, n);
    }
    long jitBefore = jitMillis();
    List<Double> plainMs = new ArrayList<>();
    List<Double> fanMs = new ArrayList<>();
    List<Double> chainMs = new ArrayList<>();
    List<Double> seqMs = new ArrayList<>();
    List<Double> plainCpu = new ArrayList<>();
    List<Double> fanCpu = new ArrayList<>();
    List<Double> plainJvm = new ArrayList<>();
    List<Double> fanJvm = new ArrayList<>();
    List<Double> plainCmds = new ArrayList<>();
    List<Double> fanCmds = new ArrayList<>();
    List<Double> chainCmds = new ArrayList<>();
    List<Double> seqCmds = new ArrayList<>();
    for (int r = 0; r < ROUNDS; r++) {
      Cost plain = plainBulk("plain-" + r, n + 2);
      Cost fan = fanOutFanIn("fan-" + r, n);
      Cost chained = chain("chain-" + r, 10);
      Cost sequence = plainSequence("seq-" + r, 10);
      plainMs.add(plain.millis());
      fanMs.add(fan.millis());
      chainMs.add(chained.millis());
      seqMs.add(sequence.millis());
      plainCpu.add(plain.redisCpuMillis());
      fanCpu.add(fan.redisCpuMillis());
      plainJvm.add(plain.jvmCpuMillis());
      fanJvm.add(fan.jvmCpuMillis());
      plainCmds.add((double) plain.commands());
      fanCmds.add((double) fan.commands());
      chainCmds.add((double) chained.commands());
      seqCmds.add((double) sequence.commands());
      System.err.printf(
          "round %d: plain %d jobs %.1f ms, 1->%d->1 %.1f ms, chain 10 %.1f ms, 10 in sequence %.1f"
              + " ms%n",
          r, n + 2, plain.millis(), n, fan.millis(), chained.millis(), sequence.millis());
    }
    int fanEdges = 2 * n;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fan_jobs", n + 2);
    out.put("plain_ms", median(plainMs));
    out.put("fan_ms", median(fanMs));
    out.put("fan_over_plain", median(fanMs) / median(plainMs));
    out.put("fan_extra_commands_per_edge", (median(fanCmds) - median(plainCmds)) / fanEdges);
    out.put("fan_extra_us_per_edge", (median(fanMs) - median(plainMs)) * 1000 / fanEdges);
    out.put("plain_redis_cpu_ms", median(plainCpu));
    out.put("fan_redis_cpu_ms", median(fanCpu));
    out.put("plain_jvm_cpu_ms", median(plainJvm));
    out.put("fan_jvm_cpu_ms", median(fanJvm));
    out.put("chain_ms", median(chainMs));
    out.put("sequence_ms", median(seqMs));
    out.put("chain_extra_commands_per_edge", (median(chainCmds) - median(seqCmds)) / 9);
    out.put("chain_extra_us_per_edge", (median(chainMs) - median(seqMs)) * 1000 / 9);
    out.put("warmup_rounds", warmups);
    out.put("jit_ms_while_measured", jitMillis() - jitBefore);
    out.put("plain_commands", median(plainCmds));
    out.put("fan_commands", median(fanCmds));
    if (Boolean.getBoolean("errand.bench.commandstats")) {
      RedisCallStats stats = new RedisCallStats(redis.commands());
      stats.print("plain " + (n + 2) + " jobs", () -> plainBulk("stats-plain", n + 2));
      stats.print("1 -> " + n + " -> 1", () -> fanOutFanIn("stats-fan", n));
    }
    return out;
  }
}
