package dev.errand.cron.cluster;

import com.zaxxer.hikari.HikariDataSource;
import dev.errand.cron.TestDatabases;
import dev.errand.cron.internal.jdbc.JdbcCronStore;
import dev.errand.cron.spi.CronStore;
import dev.errand.testsupport.TestServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class H2ExactlyOnceTest extends ExactlyOnceContract {

  private final String database = TestServers.unique("cron_once").replace('-', '_');
  private final List<HikariDataSource> pools = new ArrayList<>();

  @Override
  CronStore newStore() {
    HikariDataSource pool = TestDatabases.h2(database);
    pools.add(pool);
    return new JdbcCronStore(pool);
  }

  @AfterEach
  void closePools() {
    pools.forEach(HikariDataSource::close);
  }
}
