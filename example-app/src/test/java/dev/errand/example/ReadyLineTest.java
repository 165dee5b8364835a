package dev.errand.example;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.errand.core.ErrandApp;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An app that visibly works: once started it logs one line naming its adapters, the queues it
 * consumes with their concurrency and its cron jobs, and {@code awaitShutdown} keeps a main thread
 * alive until it stops.
 */
class ReadyLineTest {

  @Test
  void shouldLogOneReadyLineAndWaitUntilStopped() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(ErrandApp.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    Level level = logger.getLevel();
    logger.setLevel(Level.INFO); // the tests log WARN and above; this line is INFO
    ErrandApp app;
    try {
      app = TrackerClient.startEmbedded(Map.of("JOBS_QUEUE_EMAIL_CONCURRENCY", "3"));
    } finally {
      logger.detachAppender(logged);
      logger.setLevel(level);
    }
    try {
      String ready =
          logged.list.stream()
              .map(ILoggingEvent::getFormattedMessage)
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
