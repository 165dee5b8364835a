package dev.errand.cron;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method on a schedule, once per tick across every instance of the application.
 *
 * <p>The method belongs to a class that Guice builds (constructor injection) and that {@link
 * CronAdapter} finds by scanning. It takes no parameters, or one {@link CronContext}. Its job id is
 * {@code SimpleClassName.methodName}.
 *
 * <p>{@link #value()} accepts:
 *
 * <ul>
 *   <li>a Unix expression with 5 fields, {@code minute hour day-of-month month day-of-week} ({@code
 *       "0 9 * * MON-FRI"}), or 6 fields with a leading seconds field ({@code "*&#47;10 * * * *
 *       *"});
 *   <li>a macro: {@code @hourly}, {@code @daily} (or {@code @midnight}), {@code @weekly}, {@code
 *       @monthly}, {@code @yearly} (or {@code @annually});
 *   <li>a fixed interval, {@code @every 30s} (units {@code s}, {@code m}, {@code h}), whose ticks
 *       are aligned to the epoch so that every instance agrees on them;
 *   <li>a setting reference, {@code ${JOBS_DATA_RETENTION_SCHEDULE:0 2 * * *}}: the schedule is
 *       the setting's value, or the text after the colon when the setting is unset. Without a
 *       default ({@code ${REPORT_SCHEDULE}}) the setting is required.
 * </ul>
 *
 * <p>Daylight saving time, in the job's {@link #timezone()}: a tick whose local time is skipped by
 * a spring forward runs once, at the first instant after the gap; a tick whose local time repeats
 * after a fall back runs once, at its first occurrence. An expression with {@code *} in the hour
 * field (hourly, every few minutes or seconds) keeps its rhythm through the repeated hour instead,
 * as Vixie cron does. Fixed intervals ignore zones altogether.
 *
 * <pre>{@code
 * final class TaskCronJobs {
 *   @Inject TaskCronJobs(QueueService queue) { ... }
 *
 *   @Cron(value = "0 9 * * *", description = "Send overdue task reminders", timezone = "UTC")
 *   void overdueReminders() { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Cron {

  /** The schedule: an expression, a macro, {@code @every <n><unit>} or a setting reference. */
  String value();

  /** What the job does, for logs and the dashboard. */
  String description() default "";

  /**
   * The zone whose wall clock the expression follows, e.g. {@code Europe/Berlin}; may be a setting
   * reference too. Fixed intervals ignore it.
   */
  String timezone() default "UTC";

  /**
   * Whether a tick missed while no instance was running runs once when the application starts. Only
   * the latest missed tick runs, never a burst. Needs a cron store that remembers runs across
   * restarts (Redis or JDBC).
   */
  boolean runMissed() default false;
}
