package dev.errand.postgres.outbox;

import dev.errand.core.ErrandApp;
import dev.errand.postgres.fixtures.Greetings;
import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueService;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * A process whose outbox relay dies (as kill -9 would end it) right after it sent three committed
 * jobs to Redis and before it deleted their outbox rows: args are the database URL and key prefix.
 */
public final class RelayCrashChild {

  private RelayCrashChild() {}

  public static void main(String[] args) throws Exception {
    // Read by the relay when the application builds it.
    System.setProperty("errand.outbox.haltAfterSend", "true");
    ErrandApp app = OutboxApps.start(OutboxApps.redis(args[0], args[1], "JOBS_ENABLED", "false"));
    QueueService queue = app.get(QueueService.class);
    try (Connection c = app.get(DataSource.class).getConnection()) {
      c.setAutoCommit(false);
      var adder = queue.inTransaction(c);
      adder.add(Greetings.GREET, new Greetings.Greeting("first"));
      adder.add(Greetings.GREET, new Greetings.Greeting("second"));
      adder.add(
          Greetings.GREET,
          new Greetings.Greeting("third"),
          JobOptions.builder().jobId("third-by-id").build());
      c.commit();
    }
    System.out.println("committed");
    Thread.sleep(60_000); // the relay halts the JVM long before
    System.exit(3);
  }
}
