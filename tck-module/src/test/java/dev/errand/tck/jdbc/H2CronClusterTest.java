package dev.errand.tck.jdbc;

import dev.errand.cron.spi.CronStore;
import dev.errand.tck.cron.CronClusterContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2CronClusterTest extends CronClusterContract {

  @RegisterExtension final TestDatabase database = TestDatabase.h2();

  @Override
  protected CronStore createStore() {
    return database.cronStore();
  }
}
