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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * What {@link WorkflowBenchmark} measures, on an application with one worker: N + 2 plain jobs
 * added in bulk, a fan-out/fan-in of 1 -> N -> 1, a chain of steps and as many plain jobs added one
 * after another, each from the add to the last completion.
 */
final class WorkflowScenarios {

  private static final String PAD = "x".repeat(100);

  private final ErrandApp app;
  private final ErrandRedis redis;
  private final Map<String, CountDownLatch> waits = new ConcurrentHashMap<>();
  private final Map<String, Long> lastCompleted = new ConcurrentHashMap<>();

  WorkflowScenarios(String url, int concurrency) {
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

  private ActionCost measure(ActionCost.Action action) throws Exception {
    return ActionCost.of(redis, action);
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

  ActionCost plainBulk(String tag, int count) throws Exception {
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

  ActionCost fanOutFanIn(String tag, int n) throws Exception {
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
    ActionCost cost =
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

  ActionCost chain(String tag, int steps) throws Exception {
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

  ActionCost plainSequence(String tag, int steps) throws Exception {
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

  /** Redis, or null on PostgreSQL. */
  ErrandRedis redis() {
    return redis;
  }

  void stop() throws InterruptedException {
    app.stop();
  }
}
