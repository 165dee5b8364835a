/**
 * The cron store suites; subclass each with {@code createStore()} returning a {@link
 * dev.errand.cron.spi.CronStore} over the test's own storage. Every call within one test must reach
 * the same ticks and history, as the instances of one application do, and no other test may see
 * them.
 *
 * <ul>
 *   <li>{@link dev.errand.tck.cron.CronStoreContract}: claims, skips, stale runs, history, pause;
 *       every store passes it, the in-process one too;
 *   <li>{@link dev.errand.tck.cron.CronClusterContract}: three applications, each with a store of
 *       its own, run each tick exactly once; for stores shared between processes.
 * </ul>
 */
package dev.errand.tck.cron;
