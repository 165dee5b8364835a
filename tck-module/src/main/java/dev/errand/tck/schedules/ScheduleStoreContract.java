package dev.errand.tck.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.cron.spi.DueTick;
import dev.errand.cron.spi.PendingTick;
import dev.errand.cron.spi.ScheduleClaim;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.cron.spi.StoredSchedule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ScheduleStore} must do: keep definitions and state, index active schedules by
 * next tick, let exactly one claim of a tick win, keep a claimed tick pending until its job is
 * added and hand it over once its lease ends, list by prefix in pages, pause and remove. Subclass
 * it with {@link #createStore()}.
 */
public abstract class ScheduleStoreContract extends ScheduleStoreFixture {

  private static final Instant T1 = Instant.parse("2026-11-22T09:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-22T09:01:00Z");
  private static final Instant T3 = Instant.parse("2026-11-22T09:02:00Z");

  /** When the tests change schedules: before every tick they claim. */
  private static final Instant NOW = T1.minusSeconds(10);

  @Test
  void shouldKeepANewScheduleWithItsNextTick() {
    store.upsert(id("report"), "{\"v\":1}", T1, NOW);

    StoredSchedule schedule = store.get(id("report")).orElseThrow();
    assertThat(schedule.definition()).isEqualTo("{\"v\":1}");
    assertThat(schedule.paused()).isFalse();
    assertThat(schedule.nextRun()).isEqualTo(T1);
    assertThat(schedule.lastRun()).isNull();
    assertThat(schedule.runs()).isZero();
    assertThat(store.get(id("other"))).isEmpty();
  }

  @Test
  void shouldGiveTheDueSchedulesEarliestFirstUpToTheLimit() {
    store.upsert(id("b"), "{}", T2, NOW);
    store.upsert(id("a"), "{}", T1, NOW);
    store.upsert(id("c"), "{}", T3, NOW);
    store.upsert(id("none"), "{}", null, NOW);

    assertThat(store.due(T2, 10))
        .containsExactly(new DueTick(id("a"), T1), new DueTick(id("b"), T2));
    assertThat(store.due(T3, 1)).containsExactly(new DueTick(id("a"), T1));
    assertThat(store.due(T1.minusMillis(1), 10)).isEmpty();
    assertThat(store.earliest()).contains(T1);
  }

  @Test
  void shouldLetOneClaimOfATickWin() {
    store.upsert(id("report"), "{}", T1, NOW);
    ScheduleStore other = createStore();

    assertThat(store.claim(new ScheduleClaim(id("report"), T1, T2, T1))).isTrue();
    assertThat(other.claim(new ScheduleClaim(id("report"), T1, T2, T1))).isFalse();

    StoredSchedule schedule = other.get(id("report")).orElseThrow();
    assertThat(schedule.nextRun()).isEqualTo(T2);
    assertThat(schedule.lastRun()).isEqualTo(T1);
    assertThat(schedule.runs()).isEqualTo(1);
    assertThat(store.due(T1, 10)).isEmpty();
    assertThat(store.due(T2, 10)).containsExactly(new DueTick(id("report"), T2));
  }

  @Test
  void shouldCountOnlyClaimsThatEnqueued() {
    store.upsert(id("report"), "{}", T1, NOW);

    assertThat(store.claim(new ScheduleClaim(id("report"), T1, T3, null))).isTrue();

    StoredSchedule schedule = store.get(id("report")).orElseThrow();
    assertThat(schedule.runs()).isZero();
    assertThat(schedule.lastRun()).isNull();
    assertThat(schedule.nextRun()).isEqualTo(T3);
  }

  @Test
  void shouldTakeAScheduleWithNoTickLeftOutOfTheIndex() {
    store.upsert(id("once"), "{}", T1, NOW);

    assertThat(store.claim(new ScheduleClaim(id("once"), T1, null, T1))).isTrue();

    assertThat(store.get(id("once")).orElseThrow().nextRun()).isNull();
    assertThat(store.due(T3, 10)).isEmpty();
    assertThat(store.claim(new ScheduleClaim(id("once"), T1, null, T1))).isFalse();
  }

  @Test
  void shouldClaimABatchTickByTick() {
    store.upsert(id("a"), "{}", T1, NOW);
    store.upsert(id("b"), "{}", T1, NOW);
    store.claim(new ScheduleClaim(id("b"), T1, T2, T1));

    assertThat(
            store.claimAll(
                List.of(
                    new ScheduleClaim(id("a"), T1, T2, T1),
                    new ScheduleClaim(id("b"), T1, T2, T1),
                    new ScheduleClaim(id("gone"), T1, T2, T1))))
        .containsExactly(true, false, false);
    assertThat(store.getAll(List.of(id("a"), id("gone"), id("b"))))
        .extracting(StoredSchedule::id)
        .containsExactly(id("a"), id("b"));
  }

  @Test
  void shouldKeepStateWhenADefinitionIsReplacedAndRefuseClaimsOfTheOldTick() {
    store.upsert(id("report"), "{\"v\":1}", T1, NOW);
    store.claim(new ScheduleClaim(id("report"), T1, T2, T1));

    store.upsert(id("report"), "{\"v\":2}", T3, NOW);

    StoredSchedule schedule = store.get(id("report")).orElseThrow();
    assertThat(schedule.definition()).isEqualTo("{\"v\":2}");
    assertThat(schedule.nextRun()).isEqualTo(T3);
    assertThat(schedule.runs()).isEqualTo(1);
    assertThat(schedule.lastRun()).isEqualTo(T1);
    assertThat(store.claim(new ScheduleClaim(id("report"), T2, T3, T2))).isFalse();
  }

  @Test
  void shouldPauseAndResume() {
    store.upsert(id("report"), "{}", T1, NOW);

    assertThat(store.pause(id("report"), NOW)).isTrue();
    assertThat(store.get(id("report")).orElseThrow().paused()).isTrue();
    assertThat(store.due(T3, 10)).isEmpty();
    assertThat(store.claim(new ScheduleClaim(id("report"), T1, T2, T1))).isFalse();
    store.upsert(id("report"), "{\"v\":2}", T2, NOW);
    assertThat(store.get(id("report")).orElseThrow().paused()).as("upsert keeps paused").isTrue();
    assertThat(store.due(T3, 10)).isEmpty();

    assertThat(store.resume(id("report"), T3)).isTrue();
    StoredSchedule resumed = store.get(id("report")).orElseThrow();
    assertThat(resumed.paused()).isFalse();
    assertThat(resumed.nextRun()).isEqualTo(T3);
    assertThat(store.due(T3, 10)).containsExactly(new DueTick(id("report"), T3));
    assertThat(store.pause(id("missing"), NOW)).isFalse();
    assertThat(store.resume(id("missing"), T1)).isFalse();
  }

  @Test
  void shouldRemoveAScheduleAtOnce() {
    store.upsert(id("report"), "{}", T1, NOW);

    assertThat(store.remove(id("report"), NOW)).isTrue();

    assertThat(store.get(id("report"))).isEmpty();
    assertThat(store.due(T3, 10)).isEmpty();
    assertThat(store.claim(new ScheduleClaim(id("report"), T1, T2, T1))).isFalse();
    assertThat(store.remove(id("report"), NOW)).isFalse();
    assertThat(store.list(tenant, null, 10)).isEmpty();
  }

  @Test
  void shouldListByPrefixInPagesOrderedById() {
    for (String name : List.of("report:2", "report:1", "report:3", "reminder:1", "sync")) {
      store.upsert(id(name), "{}", T1, NOW);
    }

    assertThat(store.list(id("report:"), null, 2))
        .extracting(StoredSchedule::id)
        .containsExactly(id("report:1"), id("report:2"));
    assertThat(store.list(id("report:"), id("report:2"), 2))
        .extracting(StoredSchedule::id)
        .containsExactly(id("report:3"));
    assertThat(store.list(tenant, null, 10))
        .extracting(StoredSchedule::id)
        .containsExactly(
            id("reminder:1"), id("report:1"), id("report:2"), id("report:3"), id("sync"));
  }

  @Test
  void shouldKeepAClaimedTickPendingUntilSettled() {
    store.upsert(id("report"), "{\"v\":1}", T1, NOW);
    store.upsert(id("skipped"), "{}", T1, NOW);
    store.upsert(id("taken"), "{}", T1, NOW);
    store.claim(new ScheduleClaim(id("taken"), T1, T2, T1));
    Instant lease = T1.plusSeconds(30);

    assertThat(
            store.claimAll(
                List.of(
                    new ScheduleClaim(id("report"), T1, T2, T1),
                    new ScheduleClaim(id("skipped"), T1, T3, null),
                    new ScheduleClaim(id("taken"), T1, T2, T1)),
                lease))
        .containsExactly(true, true, false);

    assertThat(store.keepsPendingTicks()).isTrue();
    assertThat(taken(store, lease.minusMillis(1), lease.plusSeconds(30))).isEmpty();
    store.settle(List.of(new PendingTick(id("report"), T1, null)));
    assertThat(taken(store, lease, lease.plusSeconds(30)))
        .as("a settled tick is no longer pending; a skipped or lost claim never was")
        .isEmpty();
  }

  @Test
  void shouldHandATickNotSettledWithinItsLeaseToOneTakerWithItsDefinitionAtTheClaim() {
    store.upsert(id("report"), "{\"v\":1}", T1, NOW);
    Instant lease = T1.plusSeconds(30);
    store.claimAll(List.of(new ScheduleClaim(id("report"), T1, T2, T1)), lease);
    store.upsert(id("report"), "{\"v\":2}", T2, NOW);
    ScheduleStore other = createStore();

    Instant again = lease.plusSeconds(30);
    assertThat(taken(other, lease, again))
        .containsExactly(new PendingTick(id("report"), T1, "{\"v\":1}"));
    assertThat(taken(store, lease, again.plusSeconds(30)))
        .as("taken over: leased again to its taker")
        .isEmpty();
    assertThat(taken(store, again, again.plusSeconds(30)))
        .as("its taker did not settle it either")
        .containsExactly(new PendingTick(id("report"), T1, "{\"v\":1}"));

    other.settle(List.of(new PendingTick(id("report"), T1, null)));
    assertThat(taken(store, again.plusSeconds(60), again.plusSeconds(90))).isEmpty();
  }

  @Test
  void shouldKeepAPendingTickOfARemovedSchedule() {
    store.upsert(id("report"), "{\"v\":1}", T1, NOW);
    Instant lease = T1.plusSeconds(30);
    store.claimAll(List.of(new ScheduleClaim(id("report"), T1, T2, T1)), lease);

    store.remove(id("report"), NOW);

    assertThat(taken(store, lease, lease.plusSeconds(30)))
        .as("a tick claimed before the removal is still added")
        .containsExactly(new PendingTick(id("report"), T1, "{\"v\":1}"));
  }
}
