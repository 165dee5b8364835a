package dev.errand.postgres.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.postgres.fixtures.Greetings;
import dev.errand.postgres.internal.PostgresBackend;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.PostgresServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A private PostgreSQL stopped abruptly (pg_ctl stop -m immediate, as a crash) while a worker runs
 * jobs, then started again: the worker recovers by itself, and every job added before the stop or
 * after the start completes; an idle worker is woken by the next add once its LISTEN is back.
 */
class PostgresRestartTest {

  private static PostgresServer server;

  @BeforeAll
  static void startServer() {
    server = PostgresServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void shouldRecoverByItselfWhenPostgresRestartsMidRun() throws Exception {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(server.url());
    pool.setUsername("postgres");
    pool.setMaximumPoolSize(4);
    pool.setConnectionTimeout(2000);
    Settings settings =
        Settings.of(Map.of("JOBS_STALLED_INTERVAL", "200ms", "JOBS_IDLE_CHECK_INTERVAL", "10m"));
    PostgresBackend backend = new PostgresBackend(pool, "errand_", Clock.systemUTC());
    ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(
                new QueueAdapter(QueueSettings.from(settings))
                    .withBackend(backend)
                    .withClasses(Greetings.class))
            .shutdownHook(false)
            .start();
    try {
      QueueService queue = app.get(QueueService.class);
      QueueAdmin admin = app.get(QueueAdmin.class);
      List<String> before = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        before.add(queue.add(Greetings.GREET, new Greetings.Greeting("before-" + i)));
      }

      server.stopAbruptly();
      server.startAgain();

      // The first adds may meet connections the pool has not yet found dead.
      AtomicReference<String> after = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptions()
          .until(
              () -> {
                after.set(queue.add(Greetings.GREET, new Greetings.Greeting("after")));
                return true;
              });
      for (String id : before) {
        awaitCompleted(admin, id);
      }
      awaitCompleted(admin, after.get());
      await().atMost(Duration.ofSeconds(20)).until(backend::listening);
      await().atMost(Duration.ofSeconds(10)).until(() -> admin.counts("greetings").active() == 0);
      String woken = queue.add(Greetings.GREET, new Greetings.Greeting("woken"));
      awaitCompleted(admin, woken);
      assertThat(Greetings.GREETED).contains("before-0", "before-199", "after", "woken");
    } finally {
      app.stop();
      pool.close();
    }
  }

  private static void awaitCompleted(QueueAdmin admin, String id) {
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                admin.job("greetings", id).map(JobInfo::state).orElse(null) == JobState.COMPLETED);
  }
}
