package dev.errand.cron.spi;

import dev.errand.core.Health;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where runtime schedules ({@code JobSchedules}) live: their definitions, their state, and an index
 * of the active ones by next tick, so that finding the due ones never reads them all. Errand ships
 * one in memory and one on Redis; a store is held to {@code ScheduleStoreContract} in tck-module.
 *
 * <p>{@link #claim} is the one operation that must be atomic across every instance sharing the
 * store: it is what makes each tick enqueue once. A store that also keeps claimed ticks pending
 * until their jobs are added ({@link #claimAll(List, Instant)}) makes that hold when an instance
 * dies between the claim and the add.
 */
public interface ScheduleStore {

  /**
   * Creates the schedule or replaces its definition, and sets its next tick ({@code null}: none);
   * its run count, last run and paused switch stay. A paused schedule keeps no next tick. A tick
   * {@link #claimAhead claimed ahead}, not {@link #start started} and still after {@code now} is
   * dropped: the new definition decides the next tick. One whose moment has come (at or before
   * {@code now}) was due while the schedule was as it was, and its claimer is late or dead: it is
   * kept, to be started or {@link #takeOver taken over} with the definition it was claimed with.
   *
   * @param now the caller's clock, which tells ticks still ahead from those due
   */
  void upsert(String id, String definition, Instant nextRun, Instant now);

  Optional<StoredSchedule> get(String id);

  /** Schedules whose id starts with {@code prefix}, ordered by id, after {@code after} if given. */
  List<StoredSchedule> list(String prefix, String after, int limit);

  /**
   * Deletes the schedule and its state, and drops the ticks {@link #claimAhead claimed ahead}, not
   * {@link #start started} and still after {@code now}; false if there was none. A tick held whose
   * moment has come stays pending, as one claimed at its moment does, and is {@link #takeOver taken
   * over} after its lease.
   */
  boolean remove(String id, Instant now);

  /**
   * Pauses (drops the next tick from the index, and the ticks {@link #claimAhead claimed ahead},
   * not {@link #start started} and still after {@code now}; one whose moment has come is kept, as
   * in {@link #upsert}); false if there is no such schedule.
   */
  boolean pause(String id, Instant now);

  /** Unpauses with the given next tick (null: none); false if there is no such schedule. */
  boolean resume(String id, Instant nextRun);

  /**
   * Up to {@code limit} active schedules whose next tick is at or before {@code now}, earliest
   * first.
   */
  List<DueTick> due(Instant now, int limit);

  /** The earliest next tick of any active schedule. */
  Optional<Instant> earliest();

  /**
   * Claims a due tick, atomically: if the schedule's next tick is still {@link ScheduleClaim#tick},
   * sets it to {@link ScheduleClaim#next} and, when {@link ScheduleClaim#enqueued} is not null,
   * records that as the last run and counts one run. Returns false, changing nothing, when another
   * caller claimed the tick or the schedule was changed, paused or removed since {@link #due}.
   */
  boolean claim(ScheduleClaim claim);

  /** Claims several ticks, each as {@link #claim} does; a store may do it in one round trip. */
  default List<Boolean> claimAll(List<ScheduleClaim> claims) {
    return claims.stream().map(this::claim).toList();
  }

  /**
   * Claims as {@link #claimAll(List)} does and, in the same atomic step, keeps each claimed tick
   * that enqueues a job as a {@link PendingTick} with the schedule's definition, leased until
   * {@code leaseUntil}: the claimer {@link #settle settles} it once the job is added, and if it
   * dies (or cannot add) first, another caller {@link #takeOver takes it over} after the lease. So
   * a claimed tick is not lost with its instance. The default keeps nothing pending (a tick claimed
   * by an instance that dies before adding its job is lost); such a store says so in {@link
   * #keepsPendingTicks}.
   */
  default List<Boolean> claimAll(List<ScheduleClaim> claims, Instant leaseUntil) {
    return claimAll(claims);
  }

  /** Whether {@link #claimAll(List, Instant)} keeps pending ticks; false by default. */
  default boolean keepsPendingTicks() {
    return false;
  }

  /**
   * Drops the pending ticks whose jobs are added (by schedule id and tick; those already dropped
   * are ignored).
   */
  default void settle(List<PendingTick> ticks) {}

  /**
   * Up to {@code limit} pending ticks whose lease ended at or before {@code now}, earliest lease
   * first, each leased again until {@code leaseUntil} in the same atomic step, so that of several
   * callers one takes each. The taker adds their jobs and settles them.
   */
  default List<PendingTick> takeOver(Instant now, Instant leaseUntil, int limit) {
    return List.of();
  }

  /**
   * Whether this store {@link #claimAhead claims ticks ahead} of their moment; false by default,
   * and the ticker then claims each tick when it is due.
   */
  default boolean claimsAhead() {
    return false;
  }

  /**
   * Claims ticks shortly before they are due, so that just before their moment only the start and
   * the adds are left. As {@link #claimAll(List, Instant)}, each won tick moves the schedule to its
   * next tick and one that enqueues is kept pending, but no run is counted yet: the schedule holds
   * the tick as claimed ahead until {@link #start} counts it, a moment before the tick. Until the
   * tick's moment {@link #upsert}, {@link #pause} and {@link #remove} drop it, so a schedule
   * changed or stopped just before a tick does not run that tick with what it was; from its moment
   * on they keep it, so a tick that was due is not lost with a claimer that died holding it. {@link
   * #takeOver} counts the run of such a tick whose claimer died before starting it.
   */
  default List<Boolean> claimAhead(List<ScheduleClaim> claims, Instant leaseUntil) {
    throw new UnsupportedOperationException("This schedule store does not claim ticks ahead");
  }

  /**
   * Just before their moment, for ticks {@link #claimAhead claimed ahead}: counts the run of each
   * that is still held and answers true for it, in one atomic step; false for one dropped since
   * (its schedule changed, paused or removed) or taken over, whose job must not be added.
   */
  default List<Boolean> start(List<PendingTick> ticks) {
    throw new UnsupportedOperationException("This schedule store does not claim ticks ahead");
  }

  /** Several schedules by id, those that exist; a store may read them in one round trip. */
  default List<StoredSchedule> getAll(List<String> ids) {
    return ids.stream().map(this::get).flatMap(Optional::stream).toList();
  }

  default Health health() {
    return Health.ok();
  }
}
