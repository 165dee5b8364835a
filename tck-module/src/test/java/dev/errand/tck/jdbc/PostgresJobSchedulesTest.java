package dev.errand.tck.jdbc;

import dev.errand.cron.spi.ScheduleStore;
import dev.errand.tck.schedules.JobSchedulesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresJobSchedulesTest extends JobSchedulesContract {

  @RegisterExtension final TestDatabase database = TestDatabase.postgres();

  @Override
  protected ScheduleStore createStore() {
    return database.scheduleStore();
  }
}
