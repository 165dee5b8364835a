package dev.errand.postgres.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.postgres.TestPostgres;
import dev.errand.postgres.fixtures.Greetings;
import dev.errand.queue.QueueAdmin;
import dev.errand.testsupport.ChildJvm;
import dev.errand.testsupport.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The relay dies between sending rows to Redis and deleting them: the next relay sends them again
 * under the same job ids, and each job runs exactly once.
 */
class RelayCrashTest {

  @RegisterExtension final TestPostgres postgres = new TestPostgres();

  @Test
  void shouldRunEachJobOnceWhenTheRelayDiedAfterSendingAndBeforeDeleting() throws Exception {
    String prefix = TestServers.unique("outbox-crash");
    try (ChildJvm child = ChildJvm.start(RelayCrashChild.class, postgres.url(), prefix)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> !child.isAlive());
      assertThat(child.logTail()).contains("committed");
    }

    // The child's state at its death: the jobs in Redis, and their rows still in the outbox.
    ErrandApp inspector =
        OutboxApps.start(
            OutboxApps.redis(
                postgres.url(), prefix, "JOBS_ENABLED", "false", "JOBS_OUTBOX", "false"));
    try {
      assertThat(inspector.get(QueueAdmin.class).counts("greetings").waiting()).isEqualTo(3);
      assertThat(outboxRows(inspector.get(DataSource.class))).isEqualTo(3);
    } finally {
      inspector.stop();
    }

    Greetings.GREETED.clear();
    ErrandApp survivor = OutboxApps.start(OutboxApps.redis(postgres.url(), prefix));
    try {
      QueueAdmin admin = survivor.get(QueueAdmin.class);
      DataSource dataSource = survivor.get(DataSource.class);
      await().atMost(Duration.ofSeconds(20)).until(() -> outboxRows(dataSource) == 0);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> admin.counts("greetings").completed() == 3);
      assertThat(Greetings.GREETED).containsExactlyInAnyOrder("first", "second", "third");
      assertThat(admin.counts("greetings").waiting()).isZero();
      assertThat(admin.job("greetings", "third-by-id")).isPresent();
    } finally {
      survivor.stop();
    }
  }

  private static long outboxRows(DataSource dataSource) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM errand_job_outbox")) {
      r.next();
      return r.getLong(1);
    }
  }
}
