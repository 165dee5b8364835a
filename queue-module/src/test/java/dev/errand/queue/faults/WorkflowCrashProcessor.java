package dev.errand.queue.faults;

import com.google.inject.Inject;
import dev.errand.core.ErrandRedis;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobType;
import dev.errand.queue.Process;

/**
 * The workflow crash tests' handlers. Every run is counted in Redis (hash {@code <prefix>:runs}),
 * whichever JVM makes it; in the doomed child JVM the step named by {@link Mode#hangAt()} records
 * that it started and hangs until the test kills the JVM.
 */
@Job("wfcrash")
public final class WorkflowCrashProcessor {

  /** The payload: which step this is. */
  public record Step(String key) {}

  public static final JobType<Step> STEP = JobType.of("wfcrash", "step", Step.class);
  public static final JobType<Step> CHECKOUT = JobType.of("wfcrash", "checkout", Step.class);

  /**
   * @param prefix the test's key prefix, under which runs are counted
   * @param hangAt the key of the step to hang at, or null to hang nowhere
   */
  public record Mode(String prefix, String hangAt) {}

  private final Mode mode;
  private final ErrandRedis redis;

  @Inject
  WorkflowCrashProcessor(Mode mode, ErrandRedis redis) {
    this.mode = mode;
    this.redis = redis;
  }

  private void count(String key) {
    redis.commands().hincrby(mode.prefix() + ":runs", key, 1);
  }

  private void maybeHang(String key) throws InterruptedException {
    if (key.equals(mode.hangAt())) {
      redis.commands().sadd(mode.prefix() + ":started", key);
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  @Process("step")
  String step(Step step, JobContext job) throws InterruptedException {
    count(step.key());
    int results = job.dependencies().results(String.class).size();
    redis.commands().hset(mode.prefix() + ":gathered", step.key(), Integer.toString(results));
    maybeHang(step.key());
    return "done-" + step.key();
  }

  @Process("checkout")
  String checkout(Step step, JobContext job) throws Exception {
    count(step.key());
    String charge = job.step("charge", String.class, () -> countAnd("charge", "charge-1"));
    job.step("reserve", () -> count("reserve"));
    maybeHang("before-ship");
    String ship = job.step("ship", String.class, () -> countAnd("ship", "shipped"));
    return charge + "," + ship;
  }

  private String countAnd(String key, String result) {
    count(key);
    return result;
  }
}
