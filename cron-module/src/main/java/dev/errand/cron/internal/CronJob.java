package dev.errand.cron.internal;

import dev.errand.cron.CronContext;
import java.util.Objects;

/**
 * One scheduled job, ready to run.
 *
 * @param id {@code SimpleClassName.methodName}
 * @param source {@code pkg.Class#method}, for error messages
 * @param description what it does
 * @param schedule when it runs
 * @param zone the zone id its expression follows
 * @param runMissed whether one missed tick runs at start
 * @param enabledBySetting its per-job setting; false means this process never schedules it
 * @param body what a run does
 */
public record CronJob(
    String id,
    String source,
    String description,
    Schedule schedule,
    String zone,
    boolean runMissed,
    boolean enabledBySetting,
    Body body) {

  public CronJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(body, "body");
  }

  /** The work of one run. */
  @FunctionalInterface
  public interface Body {
    void run(CronContext context) throws Exception;
  }
}
