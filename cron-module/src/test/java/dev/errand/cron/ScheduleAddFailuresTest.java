package dev.errand.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.cron.fixtures.reports.Received;
import dev.errand.cron.fixtures.reports.ReportRequest;
import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.spi.JobInterceptor;
import dev.errand.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tick whose job cannot be added at first (the queue refuses the add: here an interceptor that
 * throws, as a backend that is briefly away would) is not lost: the add is tried again, and once
 * those tries are spent, the tick is taken over once its claim's lease ends (within a quarter lease
 * more).
 */
class ScheduleAddFailuresTest {

  private static final Instant START = Instant.parse("2026-11-23T07:59:30Z");
  private static final Instant TICK = Instant.parse("2026-11-23T08:00:00Z");
  private static final Duration LEASE = CronSettings.DEFAULT_RUN_LEASE;

  private final MutableClock clock = new MutableClock(START);
  private final Received received = new Received();
  private final AtomicInteger refusals = new AtomicInteger();
  private final AtomicInteger tries = new AtomicInteger();
  private ErrandApp app;
  private JobSchedules schedules;

  @BeforeEach
  void startApp() {
    Settings settings = Settings.of(Map.of());
    JobInterceptor refuseSome =
        new JobInterceptor() {
          @Override
          public JobOptions onAdd(String queue, String name, JobOptions options) {
            tries.incrementAndGet();
            if (refusals.getAndDecrement() > 0) {
              throw new IllegalStateException("the queue is away");
            }
            return options;
          }
        };
    app =
        ErrandApp.builder()
            .settings(settings)
            .modules(binder -> binder.bind(Received.class).toInstance(received))
            .adapters(
                new QueueAdapter(QueueSettings.from(settings), "dev.errand.cron.fixtures.reports")
                    .withInterceptor(refuseSome),
                new CronAdapter(CronSettings.from(settings)).withClock(clock))
            .shutdownHook(false)
            .start();
    schedules = app.get(JobSchedules.class);
    schedules.upsert(
        "report:acme",
        Recurrence.cron("0 9 * * *", "Europe/Berlin"),
        "reports",
        "send-report",
        new ReportRequest("acme"),
        JobOptions.defaults());
  }

  @AfterEach
  void stopApp() {
    app.stop();
  }

  @Test
  void shouldTryAFailedAddAgain() {
    refusals.set(2);

    clock.set(TICK);

    await().atMost(10, TimeUnit.SECONDS).until(() -> received.of("acme").size() == 1);
    assertThat(received.of("acme").getFirst().scheduledAt()).isEqualTo(TICK);
    assertThat(tries.get()).isEqualTo(3);
  }

  @Test
  void shouldTakeOverATickWhoseAddsKeptFailingOnceItsLeaseEnds() {
    refusals.set(4);
    clock.set(TICK);
    await().atMost(10, TimeUnit.SECONDS).until(() -> tries.get() == 4);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(3, TimeUnit.SECONDS)
        .until(() -> received.of("acme").isEmpty() && tries.get() == 4);

    clock.set(TICK.plus(LEASE).minusMillis(1));
    await().during(Duration.ofSeconds(1)).atMost(3, TimeUnit.SECONDS).until(() -> tries.get() == 4);
    // Instances look for ended leases four times a lease.
    clock.set(TICK.plus(LEASE).plus(LEASE.dividedBy(4)));

    await().atMost(10, TimeUnit.SECONDS).until(() -> received.of("acme").size() == 1);
    assertThat(received.of("acme").getFirst().scheduledAt()).isEqualTo(TICK);
    assertThat(tries.get()).isEqualTo(5);
  }
}
