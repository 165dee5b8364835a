package dev.errand.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.cron.fixtures.reports.Received;
import dev.errand.cron.fixtures.reports.ReportRequest;
import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runtime schedules in a real application on the memory queue, with a clock the test moves: each
 * tick adds one job, which its handler runs with the tick it carries. What must hold on every store
 * (pause, removal, misfires, trigger, the paged list) is tck-module's JobSchedulesContract.
 */
class JobSchedulesTest {

  /** Monday 23 November 2026, half a minute before 09:00 in Berlin (08:00 UTC). */
  private static final Instant START = Instant.parse("2026-11-23T07:59:30Z");

  private static final Instant NINE_BERLIN = Instant.parse("2026-11-23T08:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final Received received = new Received();
  private ErrandApp app;
  private JobSchedules schedules;

  @BeforeEach
  void startApp() {
    Settings settings = Settings.of(Map.of());
    app =
        ErrandApp.builder()
            .settings(settings)
            .modules(binder -> binder.bind(Received.class).toInstance(received))
            .adapters(
                new QueueAdapter(QueueSettings.from(settings), "dev.errand.cron.fixtures.reports"),
                new CronAdapter(CronSettings.from(settings)).withClock(clock))
            .shutdownHook(false)
            .start();
    schedules = app.get(JobSchedules.class);
  }

  @AfterEach
  void stopApp() {
    app.stop();
  }

  private ScheduleInfo report(String customer, Recurrence when) {
    return schedules.upsert(
        "report:" + customer,
        when,
        "reports",
        "send-report",
        new ReportRequest(customer),
        JobOptions.defaults());
  }

  @Test
  void shouldAddOneJobPerTickCarryingTheTick() {
    ScheduleInfo created = report("acme", Recurrence.cron("0 9 * * *", "Europe/Berlin"));
    assertThat(created.nextRun()).isEqualTo(NINE_BERLIN);
    assertThat(created.runs()).isZero();

    clock.set(NINE_BERLIN);
    await().atMost(5, TimeUnit.SECONDS).until(() -> received.of("acme").size() == 1);

    Received.Report run = received.of("acme").getFirst();
    assertThat(run.scheduledAt()).isEqualTo(NINE_BERLIN);
    assertThat(run.jobId()).isEqualTo("schedule:report:acme@" + NINE_BERLIN.toEpochMilli());
    assertThat(run.metadata())
        .containsEntry("errand.schedule", "report:acme")
        .containsEntry("errand.scheduledAt", NINE_BERLIN.toString());
    ScheduleInfo after = schedules.get("report:acme").orElseThrow();
    assertThat(after.runs()).isEqualTo(1);
    assertThat(after.lastRun()).isEqualTo(NINE_BERLIN);
    assertThat(after.nextRun()).isEqualTo(NINE_BERLIN.plus(Duration.ofDays(1)));

    clock.set(NINE_BERLIN.plus(Duration.ofDays(1)));
    await().atMost(5, TimeUnit.SECONDS).until(() -> received.of("acme").size() == 2);
  }

  @Test
  void shouldKeepTheJobOptionsAScheduleStores() {
    schedules.upsert(
        "report:acme",
        Recurrence.cron("0 9 * * *", "Europe/Berlin"),
        "reports",
        "send-report",
        new ReportRequest("acme"),
        JobOptions.builder().metadata("tenant", "acme").priority(5).attempts(2).build());

    clock.set(NINE_BERLIN);
    await().atMost(5, TimeUnit.SECONDS).until(() -> received.of("acme").size() == 1);
    assertThat(received.of("acme").getFirst().metadata())
        .containsEntry("tenant", "acme")
        .containsEntry("errand.schedule", "report:acme");
  }

  @Test
  void shouldKeepWithinStartEndAndLimit() {
    Instant from = START.plus(Duration.ofHours(1));
    report(
        "limited",
        Recurrence.every(Duration.ofMinutes(5))
            .startingAt(from)
            .endingAt(from.plus(Duration.ofHours(1)))
            .limit(3));
    report("once", Recurrence.once(START.plusSeconds(5)));

    assertThat(schedules.nextRuns("report:limited", 10))
        .containsExactly(
            Instant.parse("2026-11-23T09:00:00Z"),
            Instant.parse("2026-11-23T09:05:00Z"),
            Instant.parse("2026-11-23T09:10:00Z"));
    assertThat(schedules.nextRuns("report:once", 10)).containsExactly(START.plusSeconds(5));

    clock.advance(Duration.ofSeconds(5));
    await().atMost(5, TimeUnit.SECONDS).until(() -> received.of("once").size() == 1);
    assertThat(schedules.get("report:once").orElseThrow().nextRun()).isNull();
    assertThat(schedules.nextRuns("report:once", 10)).isEmpty();
  }

  @Test
  void shouldRefuseBadSchedulesNamingThemAndWhatIsAllowed() {
    assertThatThrownBy(() -> report("acme", Recurrence.cron("0 25 * * *")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("report:acme")
        .hasMessageContaining("0 25 * * *");
    assertThatThrownBy(() -> report("acme", Recurrence.cron("0 9 * * *", "Mars/Olympus")))
        .hasMessageContaining("Mars/Olympus");
    assertThatThrownBy(() -> Recurrence.every(Duration.ofMillis(1500)))
        .hasMessageContaining("whole number of seconds");
    assertThatThrownBy(
            () ->
                schedules.upsert(
                    "report {acme}", Recurrence.cron("@daily"), "reports", "x", null, null))
        .hasMessageContaining("report {acme}")
        .hasMessageContaining("letters, digits");
    assertThatThrownBy(
            () ->
                schedules.upsert(
                    "report:acme",
                    Recurrence.cron("@daily"),
                    "reports",
                    "send-report",
                    null,
                    JobOptions.builder().delay(Duration.ofMinutes(1)).build()))
        .hasMessageContaining("report:acme")
        .hasMessageContaining("priority, attempts, timeout, group and metadata");
    assertThatThrownBy(() -> schedules.trigger("report:missing"))
        .hasMessageContaining("report:missing");
    assertThat(schedules.get("report:acme")).isEmpty();
  }
}
