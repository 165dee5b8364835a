package dev.errand.example;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.errand.core.ErrandApp;
import dev.errand.testsupport.CapturedLog;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An app that visibly works: once started it logs one line naming its adapters, the queues it
 * consumes with their concurrency and its cron jobs, and {@code awaitShutdown} keeps a main thread
 * alive until it stops.
 */
class ReadyLineTest {

  @Test
  void shouldLogOneReadyLineAndWaitUntilStopped() throws Exception {
    // The tests log WARN and above; this line is INFO.
    CapturedLog logged = CapturedLog.of(ErrandApp.class.getName(), Level.INFO);
    ErrandApp app;
    try {
      app = TrackerClient.startEmbedded(Map.of("JOBS_QUEUE_EMAIL_CONCURRENCY", "3"));
    } finally {
      logged.close();
    }
    try {
      String ready =
          logged.messages().stream()
              .filter(line -> line.startsWith("Errand ready in "))
              .findFirst()
              .orElseThrow();
      assertThat(ready)
          .contains("DatabaseAdapter", "MailerAdapter")
          .contains("QueueAdapter (queues ", "email x3", "memory")
          .contains("CronAdapter (cron jobs ", "TaskCronJobs.overdueReminders", "local store");

      CompletableFuture<Void> main =
          CompletableFuture.runAsync(
              () -> {
                try {
                  app.awaitShutdown();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(main).isNotDone();
      app.stop();
      main.get(10, TimeUnit.SECONDS);
    } finally {
      app.stop();
    }
  }
}
