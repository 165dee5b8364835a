package dev.errand.cron.cluster;

import com.zaxxer.hikari.HikariDataSource;
import dev.errand.cron.TestDatabases;
import dev.errand.cron.internal.jdbc.JdbcCronStore;
import dev.errand.cron.spi.CronStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

class PostgresExactlyOnceTest extends ExactlyOnceContract {

  private static final String SCHEMA = TestDatabases.uniqueSchema("cron_once");
  private final List<HikariDataSource> pools = new ArrayList<>();

  @BeforeAll
  static void createSchema() {
    TestDatabases.createSchema(SCHEMA);
  }

  @AfterAll
  static void dropSchema() {
    TestDatabases.dropSchema(SCHEMA);
  }

  @Override
  CronStore newStore() {
    HikariDataSource pool = TestDatabases.postgres(SCHEMA);
    pools.add(pool);
    return new JdbcCronStore(pool);
  }

  @AfterEach
  void closePools() {
    pools.forEach(HikariDataSource::close);
  }
}
