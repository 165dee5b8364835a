package dev.errand.tck.jdbc;

import dev.errand.cron.spi.CronStore;
import dev.errand.tck.cron.CronStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresCronStoreTest extends CronStoreContract {

  @RegisterExtension final TestDatabase database = TestDatabase.postgres();

  @Override
  protected CronStore createStore() {
    return database.cronStore();
  }
}
