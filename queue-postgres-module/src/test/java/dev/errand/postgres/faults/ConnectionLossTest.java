package dev.errand.postgres.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.postgres.TestPostgres;
import dev.errand.postgres.fixtures.Greetings;
import dev.errand.postgres.internal.PostgresBackend;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every connection of a running application cut at once, as a PostgreSQL restart or a network
 * failure cuts them, its LISTEN connection included: the workers recover by themselves, and an idle
 * worker is woken again by the next add.
 */
class ConnectionLossTest {

  @RegisterExtension final TestPostgres postgres = new TestPostgres();
  private final String application = TestServers.unique("errand-loss");
  private HikariDataSource pool;
  private ErrandApp app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
    pool.close();
  }

  @Test
  void shouldRecoverByItselfAfterEveryConnectionIsCut() throws Exception {
    pool = new HikariDataSource();
    pool.setJdbcUrl(postgres.url());
    pool.setUsername(TestServers.postgresUser());
    pool.setMaximumPoolSize(4);
    pool.addDataSourceProperty("ApplicationName", application);
    // Idle workers look by themselves only every 10 minutes: a job added to an idle queue runs
    // soon only if its wake-up is heard.
    Settings settings =
        Settings.of(Map.of("JOBS_STALLED_INTERVAL", "200ms", "JOBS_IDLE_CHECK_INTERVAL", "10m"));
    PostgresBackend backend = new PostgresBackend(pool, "errand_", Clock.systemUTC());
    app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(
                new QueueAdapter(QueueSettings.from(settings))
                    .withBackend(backend)
                    .withClasses(Greetings.class))
            .shutdownHook(false)
            .start();
    QueueService queue = app.get(QueueService.class);
    QueueAdmin admin = app.get(QueueAdmin.class);
    String before = queue.add(Greetings.GREET, new Greetings.Greeting("before"));
    awaitCompleted(admin, before);

    assertThat(cutEveryConnection()).isGreaterThanOrEqualTo(1);

    // An add may meet a connection the pool has not yet found dead; the caller sees it fail.
    AtomicReference<String> after = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () -> {
              after.set(queue.add(Greetings.GREET, new Greetings.Greeting("after")));
              return true;
            });
    awaitCompleted(admin, after.get());
    await().atMost(Duration.ofSeconds(10)).until(backend::listening);
    await().atMost(Duration.ofSeconds(5)).until(() -> admin.counts("greetings").active() == 0);
    String woken = queue.add(Greetings.GREET, new Greetings.Greeting("woken"));
    awaitCompleted(admin, woken);
    assertThat(Greetings.GREETED).contains("before", "after", "woken");
  }

  private static void awaitCompleted(QueueAdmin admin, String id) {
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(
            () ->
                admin.job("greetings", id).map(JobInfo::state).orElse(null) == JobState.COMPLETED);
  }

  /** Terminates every server process of the application's pool; returns how many. */
  private int cutEveryConnection() throws Exception {
    try (Connection c =
            java.sql.DriverManager.getConnection(
                TestServers.postgresUrl(),
                TestServers.postgresUser(),
                TestServers.postgresPassword());
        Statement statement = c.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name = '"
                    + application
                    + "'")) {
      row.next();
      return row.getInt(1);
    }
  }
}
