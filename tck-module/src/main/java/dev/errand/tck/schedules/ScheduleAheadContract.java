package dev.errand.tck.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.cron.spi.PendingTick;
import dev.errand.cron.spi.ScheduleClaim;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.cron.spi.StoredSchedule;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a {@link ScheduleStore} that {@link ScheduleStore#claimsAhead claims ticks ahead} must do: a
 * tick claimed before its moment counts its run only when started, once; a change, pause or removal
 * before then drops it; and one whose claimer died is taken over with its run counted once.
 * Subclass it with {@link #createStore()}, as {@link ScheduleStoreContract}.
 */
public abstract class ScheduleAheadContract extends ScheduleStoreFixture {

  private static final Instant T1 = Instant.parse("2026-11-22T09:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-22T09:01:00Z");
  private static final Instant T3 = Instant.parse("2026-11-22T09:02:00Z");
  private static final Instant LEASE = T1.plusSeconds(30);

  private List<Boolean> claimAhead(ScheduleStore claimer, String... names) {
    return claimer.claimAhead(
        Arrays.stream(names).map(n -> new ScheduleClaim(id(n), T1, T2, T1)).toList(), LEASE);
  }

  private PendingTick tick(String name) {
    return new PendingTick(id(name), T1, null);
  }

  private PendingTick tick(String name, Instant at) {
    return new PendingTick(id(name), at, null);
  }

  /** Claims the schedule's tick {@code at} ahead, its next one a minute later. */
  private boolean claimAheadAt(ScheduleStore claimer, String name, Instant at) {
    return claimer
        .claimAhead(
            List.of(new ScheduleClaim(id(name), at, at.plusSeconds(60), at)), at.plusSeconds(30))
        .get(0);
  }

  @Test
  void shouldCountARunClaimedAheadOnceWhenStarted() {
    store.upsert(id("report"), "{}", T1);

    assertThat(store.claimsAhead()).isTrue();
    assertThat(claimAhead(store, "report")).containsExactly(true);
    assertThat(claimAhead(createStore(), "report")).as("one claim wins").containsExactly(false);
    StoredSchedule held = store.get(id("report")).orElseThrow();
    assertThat(held.nextRun()).as("moved on at the claim").isEqualTo(T2);
    assertThat(held.runs()).as("no run before the moment").isZero();
    assertThat(held.lastRun()).isNull();

    assertThat(store.start(List.of(tick("report"), tick("report")))).containsExactly(true, false);
    assertThat(createStore().start(List.of(tick("report")))).containsExactly(false);
    StoredSchedule started = store.get(id("report")).orElseThrow();
    assertThat(started.runs()).isEqualTo(1);
    assertThat(started.lastRun()).isEqualTo(T1);

    store.settle(List.of(tick("report")));
    assertThat(taken(store, LEASE, LEASE.plusSeconds(30))).isEmpty();
  }

  @Test
  void shouldNotWinAStartedTickAgainWhenAnUpsertOrResumeIndexesItAgain() {
    // Started a moment before it is due, a tick is still ahead of the clock: an upsert or resume
    // in that moment computes it as the next tick again.
    store.upsert(id("upserted"), "{}", T1);
    store.upsert(id("resumed"), "{}", T1);
    assertThat(claimAhead(store, "upserted", "resumed")).containsExactly(true, true);
    assertThat(store.start(List.of(tick("upserted"), tick("resumed")))).containsExactly(true, true);
    store.settle(List.of(tick("upserted"), tick("resumed")));

    store.upsert(id("upserted"), "{\"v\":2}", T1);
    store.pause(id("resumed"));
    store.resume(id("resumed"), T1);

    assertThat(claimAhead(createStore(), "upserted", "resumed")).containsExactly(false, false);
    assertThat(
            createStore()
                .claimAll(
                    List.of(
                        new ScheduleClaim(id("upserted"), T2, T2.plusSeconds(60), T2),
                        new ScheduleClaim(id("resumed"), T1, T2, T1)),
                    LEASE))
        .as("the schedules moved on to their next tick")
        .containsExactly(true, false);
    for (String name : List.of("upserted", "resumed")) {
      StoredSchedule schedule = store.get(id(name)).orElseThrow();
      assertThat(schedule.lastRun()).as(name).isEqualTo(name.equals("upserted") ? T2 : T1);
      assertThat(schedule.runs()).as(name).isEqualTo(name.equals("upserted") ? 2 : 1);
    }
    assertThat(store.get(id("resumed")).orElseThrow().nextRun()).isEqualTo(T2);
    assertThat(taken(store, LEASE, LEASE.plusSeconds(30)))
        .extracting(PendingTick::tick)
        .as("only the tick won is pending")
        .containsExactly(T2);
  }

  @Test
  void shouldDropATickClaimedAheadWhenItsScheduleIsRemovedPausedOrChangedFirst() {
    for (String name : List.of("removed", "paused", "changed")) {
      store.upsert(id(name), "{\"v\":1}", T1);
    }
    assertThat(claimAhead(store, "removed", "paused", "changed")).containsExactly(true, true, true);

    ScheduleStore other = createStore();
    assertThat(other.remove(id("removed"))).isTrue();
    assertThat(other.pause(id("paused"))).isTrue();
    other.upsert(id("changed"), "{\"v\":2}", T1);

    assertThat(store.start(List.of(tick("removed"), tick("paused"), tick("changed"))))
        .as("dropped: their jobs must not be added")
        .containsExactly(false, false, false);
    assertThat(store.get(id("paused")).orElseThrow().runs()).isZero();
    StoredSchedule changed = store.get(id("changed")).orElseThrow();
    assertThat(changed.runs()).isZero();
    assertThat(changed.nextRun()).as("the new definition decides").isEqualTo(T1);

    assertThat(store.claimAll(List.of(new ScheduleClaim(id("changed"), T1, T2, T1)), LEASE))
        .as("claimed again, with what it is now")
        .containsExactly(true);
    assertThat(taken(store, LEASE, LEASE.plusSeconds(30)))
        .as("nothing of the dropped ticks is left to take over")
        .containsExactly(new PendingTick(id("changed"), T1, "{\"v\":2}"));
  }

  @Test
  void shouldCountATickWhoseClaimerDiedAfterTheNextTickWasClaimedAheadAndStarted() {
    // A schedule that ticks more often than the lease lasts: the instance holding T1 died, and
    // another claimed T2 ahead and started it before T1's lease ran out.
    store.upsert(id("often"), "{}", T1);
    assertThat(claimAheadAt(store, "often", T1)).isTrue();
    ScheduleStore other = createStore();
    assertThat(claimAheadAt(other, "often", T2)).isTrue();
    assertThat(other.start(List.of(tick("often", T2)))).containsExactly(true);
    other.settle(List.of(tick("often", T2)));

    assertThat(taken(other, LEASE, LEASE.plusSeconds(30)))
        .containsExactly(new PendingTick(id("often"), T1, "{}"));
    StoredSchedule schedule = store.get(id("often")).orElseThrow();
    assertThat(schedule.runs()).as("both ticks counted").isEqualTo(2);
    assertThat(schedule.lastRun()).as("the latest tick that ran").isEqualTo(T2);
    assertThat(store.start(List.of(tick("often", T1))))
        .as("its late claimer must not add it as well")
        .containsExactly(false);
  }

  @Test
  void shouldStartEveryTickClaimedAheadThatItsScheduleHolds() {
    store.upsert(id("often"), "{}", T1);
    assertThat(claimAheadAt(store, "often", T1)).isTrue();
    assertThat(claimAheadAt(store, "often", T2)).isTrue();

    assertThat(store.start(List.of(tick("often", T1), tick("often", T2), tick("often", T1))))
        .containsExactly(true, true, false);
    StoredSchedule schedule = store.get(id("often")).orElseThrow();
    assertThat(schedule.runs()).isEqualTo(2);
    assertThat(schedule.lastRun()).isEqualTo(T2);
    assertThat(schedule.nextRun()).isEqualTo(T3);
  }

  @Test
  void shouldDropEveryTickClaimedAheadWhenItsScheduleChanges() {
    store.upsert(id("often"), "{\"v\":1}", T1);
    assertThat(claimAheadAt(store, "often", T1)).isTrue();
    assertThat(claimAheadAt(store, "often", T2)).isTrue();

    createStore().upsert(id("often"), "{\"v\":2}", T3);

    assertThat(store.start(List.of(tick("often", T1), tick("often", T2))))
        .as("dropped: their jobs must not be added")
        .containsExactly(false, false);
    assertThat(store.get(id("often")).orElseThrow().runs()).isZero();
    assertThat(taken(store, T3, T3.plusSeconds(30)))
        .as("nothing of the dropped ticks is left to take over")
        .isEmpty();
  }

  @Test
  void shouldHandATickClaimedAheadWhoseClaimerDiedToOneTakerAndCountItsRunOnce() {
    store.upsert(id("report"), "{}", T1);
    claimAhead(store, "report");
    ScheduleStore taker = createStore();

    Instant again = LEASE.plusSeconds(30);
    assertThat(taken(taker, LEASE, again)).containsExactly(new PendingTick(id("report"), T1, "{}"));
    assertThat(store.get(id("report")).orElseThrow().runs()).isEqualTo(1);
    assertThat(store.get(id("report")).orElseThrow().lastRun()).isEqualTo(T1);
    assertThat(store.start(List.of(tick("report"))))
        .as("its late claimer must not add it as well")
        .containsExactly(false);

    assertThat(taken(store, again, again.plusSeconds(30)))
        .as("not settled by its taker either")
        .containsExactly(new PendingTick(id("report"), T1, "{}"));
    assertThat(store.get(id("report")).orElseThrow().runs()).as("counted once").isEqualTo(1);
  }
}
