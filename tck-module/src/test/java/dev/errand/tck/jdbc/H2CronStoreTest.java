package dev.errand.tck.jdbc;

import dev.errand.cron.spi.CronStore;
import dev.errand.tck.cron.CronStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2CronStoreTest extends CronStoreContract {

  @RegisterExtension final TestDatabase database = TestDatabase.h2();

  @Override
  protected CronStore createStore() {
    return database.cronStore();
  }
}
