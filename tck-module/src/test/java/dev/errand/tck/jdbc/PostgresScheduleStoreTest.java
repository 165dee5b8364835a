package dev.errand.tck.jdbc;

import dev.errand.cron.spi.ScheduleStore;
import dev.errand.tck.schedules.ScheduleStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresScheduleStoreTest extends ScheduleStoreContract {

  @RegisterExtension final TestDatabase database = TestDatabase.postgres();

  @Override
  protected ScheduleStore createStore() {
    return database.scheduleStore();
  }
}
