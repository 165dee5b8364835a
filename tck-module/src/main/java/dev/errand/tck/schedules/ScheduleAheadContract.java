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
 * before its moment drops it, one after its moment keeps it; and one whose claimer died is taken
 * over with its run counted once. Subclass it with {@link #createStore()}, as {@link
 * ScheduleStoreContract}.
 */
public abstract class ScheduleAheadContract extends ScheduleStoreFixture {

  private static final Instant T1 = Instant.parse("2026-11-22T09:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-22T09:01:00Z");
  private static final Instant T3 = Instant.parse("2026-11-22T09:02:00Z");
  private static final Instant LEASE = T1.plusSeconds(30);

  /** A change before T1's moment, while the ticks claimed ahead are still ahead. */
  private static final Instant BEFORE = T1.minusSeconds(1);

  /** A change after T1's moment and before T2's, while T1's lease runs. */
  private static final Instant AFTER_T1 = T1.plusSeconds(10);

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

  /**
   * Stores "removed", "paused" and "changed" ({"v":1}, next tick T1) and claims their T1 ahead;
   * then, on another instance's store at {@code now}, removes, pauses and changes them ({"v":2},
   * next tick {@code next}). Returns that other store.
   */
  private ScheduleStore claimAheadThenChange(Instant now, Instant next) {
    for (String name : List.of("removed", "paused", "changed")) {
      store.upsert(id(name), "{\"v\":1}", T1, BEFORE);
    }
    assertThat(claimAhead(store, "removed", "paused", "changed")).containsExactly(true, true, true);
    ScheduleStore other = createStore();
    assertThat(other.remove(id("removed"), now)).isTrue();
    assertThat(other.pause(id("paused"), now)).isTrue();
    other.upsert(id("changed"), "{\"v\":2}", next, now);
    return other;
  }

  /**
   * Claims T1 and T2 of "often" ahead, then changes it on another instance's store at {@code now}
   * ({"v":2}, next tick T3).
   */
  private void claimTwoAheadThenChange(Instant now) {
    store.upsert(id("often"), "{\"v\":1}", T1, BEFORE);
    assertThat(claimAheadAt(store, "often", T1)).isTrue();
    assertThat(claimAheadAt(store, "often", T2)).isTrue();
    createStore().upsert(id("often"), "{\"v\":2}", T3, now);
  }

  @Test
  void shouldCountARunClaimedAheadOnceWhenStarted() {
    store.upsert(id("report"), "{}", T1, BEFORE);

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
    store.upsert(id("upserted"), "{}", T1, BEFORE);
    store.upsert(id("resumed"), "{}", T1, BEFORE);
    assertThat(claimAhead(store, "upserted", "resumed")).containsExactly(true, true);
    assertThat(store.start(List.of(tick("upserted"), tick("resumed")))).containsExactly(true, true);
    store.settle(List.of(tick("upserted"), tick("resumed")));

    store.upsert(id("upserted"), "{\"v\":2}", T1, BEFORE);
    store.pause(id("resumed"), BEFORE);
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
    claimAheadThenChange(BEFORE, T1);

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
  void shouldKeepATickClaimedAheadWhoseMomentCameWhenItsScheduleIsRemovedPausedOrChanged() {
    // The claimer died holding the ticks; their moment passed, and the schedules were changed
    // before the take-over. The ticks were due while the schedules were as they were: they run so.
    ScheduleStore other = claimAheadThenChange(AFTER_T1, T2);

    assertThat(taken(other, LEASE, LEASE.plusSeconds(30)))
        .as("taken over with the definition they were claimed with")
        .containsExactlyInAnyOrder(
            new PendingTick(id("removed"), T1, "{\"v\":1}"),
            new PendingTick(id("paused"), T1, "{\"v\":1}"),
            new PendingTick(id("changed"), T1, "{\"v\":1}"));
    StoredSchedule paused = store.get(id("paused")).orElseThrow();
    assertThat(paused.runs()).as("counted by the take-over").isEqualTo(1);
    assertThat(paused.paused()).isTrue();
    StoredSchedule changed = store.get(id("changed")).orElseThrow();
    assertThat(changed.runs()).isEqualTo(1);
    assertThat(changed.lastRun()).isEqualTo(T1);
    assertThat(changed.definition()).isEqualTo("{\"v\":2}");
    assertThat(changed.nextRun()).as("the new definition decides the ticks after").isEqualTo(T2);
    assertThat(store.start(List.of(tick("removed"), tick("paused"), tick("changed"))))
        .as("their late claimer must not add them as well")
        .containsExactly(false, false, false);
  }

  @Test
  void shouldLetALateClaimerStartATickWhoseMomentCameBeforeItsScheduleChanged() {
    for (String name : List.of("paused", "changed")) {
      store.upsert(id(name), "{\"v\":1}", T1, BEFORE);
    }
    assertThat(claimAhead(store, "paused", "changed")).containsExactly(true, true);

    ScheduleStore other = createStore();
    assertThat(other.pause(id("paused"), AFTER_T1)).isTrue();
    other.upsert(id("changed"), "{\"v\":2}", T2, AFTER_T1);

    assertThat(store.start(List.of(tick("paused"), tick("changed"))))
        .as("still held: the claimer adds their jobs")
        .containsExactly(true, true);
    assertThat(store.get(id("paused")).orElseThrow().runs()).isEqualTo(1);
    assertThat(store.get(id("changed")).orElseThrow().runs()).isEqualTo(1);
    store.settle(List.of(tick("paused"), tick("changed")));
    assertThat(taken(other, LEASE, LEASE.plusSeconds(30))).isEmpty();
  }

  @Test
  void shouldDropOnlyTheTicksClaimedAheadStillAheadWhenItsScheduleChanges() {
    claimTwoAheadThenChange(AFTER_T1);

    assertThat(store.start(List.of(tick("often", T1), tick("often", T2))))
        .as("T1 was due before the change, T2 was not")
        .containsExactly(true, false);
    StoredSchedule schedule = store.get(id("often")).orElseThrow();
    assertThat(schedule.runs()).isEqualTo(1);
    assertThat(schedule.lastRun()).isEqualTo(T1);
    store.settle(List.of(tick("often", T1)));
    assertThat(taken(store, T3, T3.plusSeconds(30)))
        .as("nothing of the dropped tick is left to take over")
        .isEmpty();
  }

  @Test
  void shouldCountATickWhoseClaimerDiedAfterTheNextTickWasClaimedAheadAndStarted() {
    // A schedule that ticks more often than the lease lasts: the instance holding T1 died, and
    // another claimed T2 ahead and started it before T1's lease ran out.
    store.upsert(id("often"), "{}", T1, BEFORE);
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
    store.upsert(id("often"), "{}", T1, BEFORE);
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
    claimTwoAheadThenChange(BEFORE);

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
    store.upsert(id("report"), "{}", T1, BEFORE);
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
