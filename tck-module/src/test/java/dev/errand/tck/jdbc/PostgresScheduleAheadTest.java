package dev.errand.tck.jdbc;

import dev.errand.cron.spi.ScheduleStore;
import dev.errand.tck.schedules.ScheduleAheadContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresScheduleAheadTest extends ScheduleAheadContract {

  @RegisterExtension final TestDatabase database = TestDatabase.postgres();

  @Override
  protected ScheduleStore createStore() {
    return database.scheduleStore();
  }
}
