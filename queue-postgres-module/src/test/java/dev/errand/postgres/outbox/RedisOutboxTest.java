package dev.errand.postgres.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.postgres.TestPostgres;
import dev.errand.postgres.fixtures.Greetings;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.testsupport.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JOBS_OUTBOX=true with the queue on Redis: jobs added in the application's PostgreSQL transaction
 * reach Redis exactly when it commits, through the outbox table and its relay.
 */
class RedisOutboxTest {

  @RegisterExtension final TestPostgres postgres = new TestPostgres();
  private ErrandApp app;
  private DataSource dataSource;
  private QueueService queue;
  private QueueAdmin admin;

  @BeforeEach
  void start() {
    Greetings.GREETED.clear();
    app = OutboxApps.start(OutboxApps.redis(postgres.url(), TestServers.unique("outbox")));
    dataSource = app.get(DataSource.class);
    queue = app.get(QueueService.class);
    admin = app.get(QueueAdmin.class);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void shouldRunAJobAddedInACommittedTransactionUnderItsOutboxRowsId() throws Exception {
    String id;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      id = queue.inTransaction(c).add(Greetings.GREET, new Greetings.Greeting("committed"));
      assertThat(id).startsWith("outbox-");
      assertThat(outboxRows()).isZero(); // not visible outside the transaction yet
      assertThat(admin.job("greetings", id)).isEmpty();
      c.commit();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> state(id) == JobState.COMPLETED);
    assertThat(Greetings.GREETED).containsExactly("committed");
    assertThat(outboxRows()).isZero();
  }

  @Test
  void shouldLeaveNoJobAndNoRowWhenTheTransactionRollsBack() throws Exception {
    List<String> ids;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      ids =
          queue
              .inTransaction(c)
              .addBulk(
                  List.of(
                      Greetings.GREET.job(new Greetings.Greeting("rolled-back")),
                      NewJob.of("elsewhere", "x", Map.of("a", 1))));
      c.rollback();
    }
    // A committed add after it: once it ran, the relay has had its turn at the table.
    String later;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      later = queue.inTransaction(c).add(Greetings.GREET, new Greetings.Greeting("later"));
      c.commit();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> state(later) == JobState.COMPLETED);
    assertThat(Greetings.GREETED).containsExactly("later");
    assertThat(admin.job("greetings", ids.get(0))).isEmpty();
    assertThat(admin.job("elsewhere", ids.get(1))).isEmpty();
    assertThat(outboxRows()).isZero();
  }

  @Test
  void shouldKeepTheCallersJobIdAndItsIdempotency() throws Exception {
    var options = dev.errand.queue.JobOptions.builder().jobId("welcome-42").build();
    for (int i = 0; i < 2; i++) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        String id =
            queue.inTransaction(c).add(Greetings.GREET, new Greetings.Greeting("once"), options);
        assertThat(id).isEqualTo("welcome-42");
        c.commit();
      }
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> state("welcome-42") == JobState.COMPLETED);
    await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows() == 0);
    assertThat(Greetings.GREETED).containsExactly("once");
  }

  @Test
  void shouldMoveEachQueuesJobsInTheOrderTheyWereAdded() throws Exception {
    app.get(QueueAdmin.class).pause("ordered");
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      jobs.add(NewJob.of("ordered", "n", Map.of("i", i)));
    }
    List<String> ids;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      ids = queue.inTransaction(c).addBulk(jobs);
      c.commit();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> admin.counts("ordered").waiting() == 600);
    // Same priority, so the waiting list is in the order the relay added them (oldest last).
    List<String> waiting =
        admin.jobs("ordered", JobState.WAITING, 0, 600).stream().map(JobInfo::id).toList();
    assertThat(waiting).containsExactlyInAnyOrderElementsOf(ids);
    List<String> oldestFirst = new ArrayList<>(waiting);
    if (!oldestFirst.get(0).equals(ids.get(0))) {
      java.util.Collections.reverse(oldestFirst);
    }
    assertThat(oldestFirst).containsExactlyElementsOf(ids);
  }

  @Test
  void shouldReportTheRelayDownWhileItCannotReadTheOutbox() throws Exception {
    assertThat(app.health().up()).isTrue();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE errand_job_outbox RENAME TO errand_job_outbox_away");
    }
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> !app.health().up());
      assertThat(app.health().toString()).contains("outbox relay failing");
    } finally {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute("ALTER TABLE errand_job_outbox_away RENAME TO errand_job_outbox");
      }
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> app.health().up());
  }

  private JobState state(String id) {
    return admin.job("greetings", id).map(JobInfo::state).orElse(null);
  }

  private long outboxRows() throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM errand_job_outbox")) {
      r.next();
      return r.getLong(1);
    }
  }
}
