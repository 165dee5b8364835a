package dev.errand.tck.memory;

import dev.errand.cron.internal.schedules.MemoryScheduleStore;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.tck.schedules.ScheduleClusterContract;

/** Three tickers of one process over its memory store. */
class MemoryScheduleClusterTest extends ScheduleClusterContract {

  private final MemoryScheduleStore store = new MemoryScheduleStore();

  @Override
  protected ScheduleStore createStore() {
    return store;
  }
}
