package dev.errand.tck.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.cron.CronAdapter;
import dev.errand.cron.CronSettings;
import dev.errand.cron.JobSchedules;
import dev.errand.cron.Misfire;
import dev.errand.cron.Recurrence;
import dev.errand.cron.ScheduleInfo;
import dev.errand.cron.SchedulePage;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code JobSchedules} over a store, in an application whose clock the test moves: pause and
 * resume, removal, the misfire policy, a late tick, an updated pattern, trigger and the paged
 * prefix list behave the same whatever the store. Subclass it with {@link #createStore()}.
 */
public abstract class JobSchedulesContract {

  /** Half a minute before 08:00 UTC. */
  private static final Instant START = Instant.parse("2026-11-23T07:59:30Z");

  private static final Instant EIGHT = Instant.parse("2026-11-23T08:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final TickRecorder.Runs runs = new TickRecorder.Runs();
  private ErrandApp app;
  private ScheduleStore store;
  private JobSchedules schedules;

  /** A store over storage of this test alone. */
  protected abstract ScheduleStore createStore();

  @BeforeEach
  void startApp() {
    Settings settings = Settings.of(Map.of());
    app =
        ErrandApp.builder()
            .settings(settings)
            .modules(binder -> binder.bind(TickRecorder.Runs.class).toInstance(runs))
            .adapters(
                new QueueAdapter(QueueSettings.from(settings)).withClasses(TickRecorder.class),
                new CronAdapter(CronSettings.from(settings))
                    .withScheduleStore(store = createStore())
                    .withClock(clock))
            .shutdownHook(false)
            .start();
    schedules = app.get(JobSchedules.class);
  }

  @AfterEach
  void stopApp() {
    app.stop();
  }

  private ScheduleInfo upsert(String id, Recurrence when) {
    return schedules.upsert(
        id, when, "schedule-contract", "tick", Map.of("schedule", id), JobOptions.defaults());
  }

  private List<Instant> ticksOf(String id) {
    return runs.bySchedule.getOrDefault(id, Map.of()).keySet().stream().sorted().toList();
  }

  @Test
  void shouldStopAtOnceWhenRemovedOrPausedAndGoOnWhenResumed() {
    upsert("gone", Recurrence.every(Duration.ofSeconds(10)));
    upsert("paused", Recurrence.every(Duration.ofSeconds(10)));
    upsert("witness", Recurrence.every(Duration.ofSeconds(10)));

    assertThat(schedules.remove("gone")).isTrue();
    assertThat(schedules.pause("paused")).isTrue();
    assertThat(schedules.get("paused").orElseThrow().paused()).isTrue();
    assertThat(schedules.get("paused").orElseThrow().nextRun()).isNull();
    clock.advance(Duration.ofSeconds(10));

    await().atMost(5, TimeUnit.SECONDS).until(() -> ticksOf("witness").size() == 1);
    assertThat(ticksOf("gone")).isEmpty();
    assertThat(ticksOf("paused")).isEmpty();
    assertThat(schedules.remove("gone")).isFalse();
    assertThat(schedules.get("gone")).isEmpty();

    assertThat(schedules.resume("paused")).isTrue();
    assertThat(schedules.get("paused").orElseThrow().paused()).isFalse();
    assertThat(schedules.get("paused").orElseThrow().nextRun()).isEqualTo(START.plusSeconds(20));
    clock.advance(Duration.ofSeconds(10));
    await().atMost(5, TimeUnit.SECONDS).until(() -> ticksOf("paused").size() == 1);
    assertThat(ticksOf("paused")).containsExactly(START.plusSeconds(20));
    assertThat(schedules.pause("missing")).isFalse();
    assertThat(schedules.resume("missing")).isFalse();
  }

  @Test
  void shouldNotRunATickWhoseScheduleWasRemovedPausedOrChangedJustBeforeIt() {
    Recurrence everyMinute = Recurrence.cron("* * * * *");
    for (String id : List.of("removed", "paused", "changed", "same", "witness")) {
      upsert(id, everyMinute);
    }

    clock.set(EIGHT.minusMillis(300));
    if (store.claimsAhead()) {
      // Such a store's ticks are claimed a moment before they are due (and their jobs added a
      // shorter moment before): let the claims happen first, so that the changes below meet ticks
      // claimed and not yet added.
      await()
          .atMost(5, TimeUnit.SECONDS)
          .until(() -> schedules.get("witness").orElseThrow().nextRun().isAfter(EIGHT));
    }
    assertThat(schedules.remove("removed")).isTrue();
    assertThat(schedules.pause("paused")).isTrue();
    upsert("changed", Recurrence.cron("30 8 * * *"));
    upsert("same", everyMinute);
    clock.set(EIGHT);

    await().atMost(5, TimeUnit.SECONDS).until(() -> ticksOf("witness").size() == 1);
    await().atMost(5, TimeUnit.SECONDS).until(() -> ticksOf("same").size() == 1);
    await()
        .during(Duration.ofMillis(1500))
        .atMost(3, TimeUnit.SECONDS)
        .until(
            () ->
                ticksOf("removed").isEmpty()
                    && ticksOf("paused").isEmpty()
                    && ticksOf("changed").isEmpty());
    assertThat(ticksOf("same")).as("upserted as it was: its tick runs once").containsExactly(EIGHT);
    assertThat(schedules.get("witness").orElseThrow().runs()).isEqualTo(1);
    assertThat(schedules.get("witness").orElseThrow().lastRun()).isEqualTo(EIGHT);
    assertThat(schedules.get("same").orElseThrow().runs()).isEqualTo(1);
    assertThat(schedules.get("paused").orElseThrow().runs()).isZero();
    ScheduleInfo changed = schedules.get("changed").orElseThrow();
    assertThat(changed.runs()).isZero();
    assertThat(changed.nextRun()).isEqualTo(EIGHT.plus(Duration.ofMinutes(30)));
  }

  @Test
  void shouldKeepATickWhoseJobIsAlreadyAddedWhenItsScheduleChanges() {
    Recurrence everyMinute = Recurrence.cron("* * * * *");
    upsert("removed", everyMinute);
    upsert("witness", everyMinute);

    // Within a few milliseconds of the tick, where a store that claims ahead has already added
    // its job (held until the tick): the tick is kept, the change decides the ticks after it.
    clock.set(EIGHT.minusMillis(20));
    if (store.claimsAhead()) {
      await()
          .atMost(5, TimeUnit.SECONDS)
          .until(() -> schedules.get("witness").orElseThrow().runs() == 1);
      assertThat(schedules.remove("removed")).isTrue();
      clock.set(EIGHT);
      await().atMost(5, TimeUnit.SECONDS).until(() -> ticksOf("removed").size() == 1);
      assertThat(ticksOf("removed")).containsExactly(EIGHT);
    } else {
      assertThat(schedules.remove("removed")).isTrue();
      clock.set(EIGHT);
    }
    await().atMost(5, TimeUnit.SECONDS).until(() -> ticksOf("witness").size() == 1);
    clock.set(EIGHT.plus(Duration.ofMinutes(1)));
    await().atMost(5, TimeUnit.SECONDS).until(() -> ticksOf("witness").size() == 2);
    assertThat(ticksOf("removed")).hasSizeLessThan(2);
  }

  @Test
  void shouldSkipMissedTicksOrRunTheLatestOnceAsAsked() {
    upsert("skip", Recurrence.every(Duration.ofMinutes(1)));
    upsert("latest", Recurrence.every(Duration.ofMinutes(1)).misfire(Misfire.RUN_LATEST));
    upsert("witness", Recurrence.once(START.plus(Duration.ofMinutes(10))));

    // Ten ticks pass at once, as if no instance had run.
    clock.set(START.plus(Duration.ofMinutes(10)));

    await().atMost(5, TimeUnit.SECONDS).until(() -> ticksOf("witness").size() == 1);
    await().atMost(5, TimeUnit.SECONDS).until(() -> ticksOf("latest").size() == 1);
    assertThat(ticksOf("latest")).containsExactly(Instant.parse("2026-11-23T08:09:00Z"));
    assertThat(ticksOf("skip")).isEmpty();
    assertThat(schedules.get("skip").orElseThrow().nextRun())
        .isEqualTo(Instant.parse("2026-11-23T08:10:00Z"));
    assertThat(schedules.get("skip").orElseThrow().runs()).isZero();
    assertThat(schedules.get("latest").orElseThrow().runs()).isEqualTo(1);
  }

  @Test
  void shouldStillRunATickThatIsMerelyLate() {
    upsert("late", Recurrence.every(Duration.ofMinutes(1)));

    // 45 s past the 08:00 tick, before the 08:01 one: late, not missed.
    clock.set(EIGHT.plusSeconds(45));

    await().atMost(5, TimeUnit.SECONDS).until(() -> ticksOf("late").size() == 1);
    assertThat(ticksOf("late")).containsExactly(EIGHT);
  }

  @Test
  void shouldFollowAnUpdatedPatternFromTheNextTick() {
    upsert("report", Recurrence.cron("0 8 * * *"));

    ScheduleInfo updated = upsert("report", Recurrence.cron("30 8 * * *"));

    assertThat(updated.nextRun()).isEqualTo(EIGHT.plus(Duration.ofMinutes(30)));
    clock.set(EIGHT);
    await()
        .during(Duration.ofMillis(1500))
        .atMost(3, TimeUnit.SECONDS)
        .until(() -> ticksOf("report").isEmpty());
    clock.set(EIGHT.plus(Duration.ofMinutes(30)));
    await().atMost(5, TimeUnit.SECONDS).until(() -> ticksOf("report").size() == 1);
    assertThat(ticksOf("report")).containsExactly(EIGHT.plus(Duration.ofMinutes(30)));
  }

  @Test
  void shouldTriggerNowAndListByPrefixInPages() {
    for (String id : List.of("report:c", "report:a", "report:b", "sync")) {
      upsert(id, Recurrence.cron("0 9 * * MON"));
    }

    String jobId = schedules.trigger("report:b");
    await().atMost(5, TimeUnit.SECONDS).until(() -> ticksOf("report:b").size() == 1);
    assertThat(ticksOf("report:b")).containsExactly(START);
    assertThat(runs.jobIdByTick.get("report:b@" + START)).isEqualTo(jobId);
    assertThat(schedules.get("report:b").orElseThrow().nextRun())
        .as("a trigger leaves the recurrence alone")
        .isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));

    SchedulePage first = schedules.list("report:", null, 2);
    assertThat(first.schedules())
        .extracting(ScheduleInfo::id)
        .containsExactly("report:a", "report:b");
    SchedulePage second = schedules.list("report:", first.nextAfter(), 2);
    assertThat(second.schedules()).extracting(ScheduleInfo::id).containsExactly("report:c");
    assertThat(second.nextAfter()).isNull();
    assertThat(schedules.list("", null, 10).schedules()).hasSize(4);
  }
}
