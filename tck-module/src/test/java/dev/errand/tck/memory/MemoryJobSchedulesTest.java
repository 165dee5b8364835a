package dev.errand.tck.memory;

import dev.errand.cron.internal.schedules.MemoryScheduleStore;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.tck.schedules.JobSchedulesContract;

class MemoryJobSchedulesTest extends JobSchedulesContract {

  @Override
  protected ScheduleStore createStore() {
    return new MemoryScheduleStore();
  }
}
