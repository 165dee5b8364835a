package dev.errand.cron;

/** Where ticks are claimed and run history is kept ({@code CRON_LOCK}). */
public enum CronLock {
  /** In this process only: for a single instance; history is lost on restart. */
  LOCAL,
  /** In Redis, through the application's shared client: for several instances. */
  REDIS,
  /** In the bound {@code javax.sql.DataSource} (PostgreSQL or H2), for apps without Redis. */
  JDBC
}
