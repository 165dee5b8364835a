package dev.errand.tck.jdbc;

import dev.errand.cron.spi.ScheduleStore;
import dev.errand.tck.schedules.ScheduleClusterContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresScheduleClusterTest extends ScheduleClusterContract {

  @RegisterExtension final TestDatabase database = TestDatabase.postgres();

  @Override
  protected ScheduleStore createStore() {
    return database.scheduleStore();
  }
}
