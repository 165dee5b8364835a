/**
 * The runtime schedule store suite: subclass {@link dev.errand.tck.schedules.ScheduleStoreContract}
 * with {@code createStore()} returning a {@link dev.errand.cron.spi.ScheduleStore} over the test's
 * own storage.
 */
package dev.errand.tck.schedules;
