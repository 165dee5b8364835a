package dev.errand.tck.memory;

import dev.errand.cron.internal.schedules.MemoryScheduleStore;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.tck.schedules.ScheduleAheadContract;

class MemoryScheduleAheadTest extends ScheduleAheadContract {

  /** The whole of this process's schedules: every store of the test is this one. */
  private final MemoryScheduleStore store = new MemoryScheduleStore();

  @Override
  protected ScheduleStore createStore() {
    return store;
  }
}
