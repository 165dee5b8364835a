package dev.errand.postgres.outbox;

import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.postgres.fixtures.Greetings;
import dev.errand.queue.OutboxMetrics;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Relays one job through the outbox (H2 and the memory queue) in a JVM whose class path lacks
 * Micrometer, and prints whether Micrometer was there and the relay's figures; {@link
 * OutboxWithoutMicrometerTest} starts it.
 */
public final class OutboxWithoutMicrometerMain {

  private OutboxWithoutMicrometerMain() {}

  public static void main(String[] args) throws Exception {
    boolean present;
    try {
      Class.forName("io.micrometer.core.instrument.MeterRegistry");
      present = true;
    } catch (ClassNotFoundException e) {
      present = false;
    }
    System.out.println("micrometer " + (present ? "present" : "absent"));
    Settings settings =
        Settings.of(
            Map.of(
                "JOBS_OUTBOX", "true",
                "DATABASE_URL", "jdbc:h2:mem:outbox-without-micrometer;DB_CLOSE_DELAY=-1"));
    try (ErrandApp app = OutboxApps.start(settings)) {
      try (Connection c = app.get(DataSource.class).getConnection()) {
        c.setAutoCommit(false);
        app.get(QueueService.class)
            .inTransaction(c)
            .add(Greetings.GREET, new Greetings.Greeting("no meters"));
        c.commit();
      }
      QueueAdmin admin = app.get(QueueAdmin.class);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> admin.outboxMetrics().orElseThrow().relayed() == 1);
      OutboxMetrics metrics = admin.outboxMetrics().orElseThrow();
      System.out.println(
          "relayed " + metrics.relayed() + ", failed turns " + metrics.failedTurns());
    }
  }
}
