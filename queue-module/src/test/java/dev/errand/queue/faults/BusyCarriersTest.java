package dev.errand.queue.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.Job;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobListener;
import dev.errand.queue.Process;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * Virtual threads are not time-sliced: handlers that compute without blocking hold every carrier
 * thread until they return. Lease renewal and timeouts must still run meanwhile, or the leases of
 * those very handlers expire and their jobs run twice.
 */
class BusyCarriersTest {

  /** More spinning handlers than there are carrier threads (one per core by default). */
  static final int HANDLERS = Runtime.getRuntime().availableProcessors() * 2;

  @Job("spin")
  static final class Spinner {
    @Process
    void spin(Integer millis) {
      long end = System.nanoTime() + millis * 1_000_000L;
      while (System.nanoTime() < end) {
        Thread.onSpinWait();
      }
    }
  }

  @Test
  void shouldKeepTheLeasesOfHandlersThatKeepEveryCarrierBusy() {
    ConcurrentLinkedQueue<JobEvent> heard = new ConcurrentLinkedQueue<>();
    Settings settings =
        Settings.of(
            Map.of(
                "JOBS_LEASE_DURATION", "600ms",
                "JOBS_STALLED_INTERVAL", "100ms",
                "JOBS_QUEUE_SPIN_CONCURRENCY", Integer.toString(HANDLERS)));
    ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(
                new QueueAdapter(QueueSettings.from(settings))
                    .withClasses(Spinner.class)
                    .withListener(
                        new JobListener() {
                          @Override
                          public void on(JobEvent event) {
                            heard.add(event);
                          }
                        }))
            .shutdownHook(false)
            .start();
    try {
      QueueService queue = app.get(QueueService.class);
      for (int i = 0; i < HANDLERS; i++) {
        queue.add("spin", "spin", 2000);
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  heard.stream().filter(e -> e.type() == JobEvent.Type.COMPLETED).count()
                      == HANDLERS);
      List<JobEvent.Type> types = heard.stream().map(JobEvent::type).toList();
      assertThat(types)
          .as("three lease lifetimes of spinning")
          .doesNotContain(JobEvent.Type.STALLED);
    } finally {
      app.stop();
    }
  }
}
