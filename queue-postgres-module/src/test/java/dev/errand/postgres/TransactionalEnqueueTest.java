package dev.errand.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.postgres.fixtures.Greetings;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** queue.inTransaction(connection): jobs exist exactly when the caller's transaction commits. */
class TransactionalEnqueueTest {

  @RegisterExtension final TestPostgres postgres = new TestPostgres();
  private DataSource dataSource;
  private ErrandApp app;
  private QueueService queue;
  private QueueAdmin admin;

  @BeforeEach
  void start() {
    dataSource = postgres.dataSource(6);
    Settings settings = Settings.of(Map.of("JOBS_STALLED_INTERVAL", "200ms"));
    app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(
                new QueueAdapter(QueueSettings.from(settings))
                    .withBackend(PostgresQueue.backend(dataSource, Clock.systemUTC()))
                    .withClasses(Greetings.class))
            .shutdownHook(false)
            .start();
    queue = app.get(QueueService.class);
    admin = app.get(QueueAdmin.class);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void shouldRunTheJobsOfACommittedTransactionAndNoneBefore() throws Exception {
    String id;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      id = queue.inTransaction(c).add(Greetings.GREET, new Greetings.Greeting("committed"));
      // Not there for anyone else until the commit, so no worker can run it.
      assertThat(admin.job("greetings", id)).isEmpty();
      c.commit();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                admin.job("greetings", id).map(JobInfo::state).orElse(null) == JobState.COMPLETED);
    assertThat(Greetings.GREETED).contains("committed");
  }

  @Test
  void shouldLeaveNoJobWhenTheTransactionRollsBack() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      List<String> ids =
          queue
              .inTransaction(c)
              .addBulk(
                  List.of(
                      Greetings.GREET.job(new Greetings.Greeting("rolled-back-1")),
                      NewJob.of("elsewhere", "x", Map.of("a", 1)),
                      Greetings.GREET.job(new Greetings.Greeting("rolled-back-2"))));
      assertThat(ids).hasSize(3).doesNotContainNull();
      c.rollback();
    }
    // A committed job added after it runs: the rolled-back ones would have run before it.
    String after = queue.add(Greetings.GREET, new Greetings.Greeting("after"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                admin.job("greetings", after).map(JobInfo::state).orElse(null)
                    == JobState.COMPLETED);
    assertThat(Greetings.GREETED).doesNotContain("rolled-back-1", "rolled-back-2");
    assertThat(admin.counts("greetings").completed()).isEqualTo(1);
    assertThat(admin.counts("elsewhere").waiting()).isZero();
  }

  @Test
  void shouldRefuseAConnectionToAnotherDatabase() throws Exception {
    try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:elsewhere")) {
      assertThatThrownBy(
              () -> queue.inTransaction(h2).add(Greetings.GREET, new Greetings.Greeting("h2")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("the connection is to H2");
    }
  }

  @Test
  void shouldFailClearlyWhenTheConnectionIsLostMidTransaction() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      queue.inTransaction(c).add(Greetings.GREET, new Greetings.Greeting("lost-1"));
      terminate(c);
      assertThatThrownBy(
              () -> queue.inTransaction(c).add(Greetings.GREET, new Greetings.Greeting("lost-2")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Cannot add 1 job(s) to queue 'greetings'")
          .hasMessageContaining("in the caller's transaction");
    }
    assertThat(admin.counts("greetings").waiting() + admin.counts("greetings").completed())
        .isZero();
  }

  private void terminate(Connection victim) throws SQLException {
    int pid;
    try (Statement statement = victim.createStatement();
        var row = statement.executeQuery("SELECT pg_backend_pid()")) {
      row.next();
      pid = row.getInt(1);
    }
    try (Connection other = dataSource.getConnection();
        Statement statement = other.createStatement()) {
      statement.execute("SELECT pg_terminate_backend(" + pid + ")");
    }
  }
}
