package dev.errand.cron.internal.schedules;

import dev.errand.cron.spi.DueTick;
import dev.errand.cron.spi.PendingTick;
import dev.errand.cron.spi.ScheduleClaim;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.cron.spi.StoredSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Schedules in this process's memory, for the memory queue: shared by what runs in the process,
 * gone on restart. One lock guards everything; the index orders active schedules by next tick.
 * Pending ticks matter here too: a tick whose add failed is taken over after its lease.
 */
public final class MemoryScheduleStore implements ScheduleStore {

  private record Entry(Instant next, String id) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry other) {
      int byTime = next.compareTo(other.next);
      return byTime != 0 ? byTime : id.compareTo(other.id);
    }
  }

  private final TreeMap<String, StoredSchedule> schedules = new TreeMap<>();
  private final NavigableSet<Entry> index = new TreeSet<>();

  /** Claimed ticks whose jobs are not added yet, by job id, with their lease. */
  private final Map<String, Pending> pending = new LinkedHashMap<>();

  private record Pending(PendingTick tick, Instant leaseUntil) {}

  /**
   * Ticks claimed ahead and not started yet, by schedule id: more than one when the schedule ticks
   * more often than a claim's lease lasts and a claimer died holding one.
   */
  private final Map<String, Set<Instant>> ahead = new HashMap<>();

  @Override
  public synchronized void upsert(String id, String definition, Instant nextRun, Instant now) {
    StoredSchedule old = schedules.get(id);
    boolean paused = old != null && old.paused();
    dropAhead(id, now);
    unindex(old);
    StoredSchedule updated =
        new StoredSchedule(
            id,
            definition,
            paused,
            paused ? null : nextRun,
            old == null ? null : old.lastRun(),
            old == null ? 0 : old.runs());
    put(updated);
  }

  @Override
  public synchronized Optional<StoredSchedule> get(String id) {
    return Optional.ofNullable(schedules.get(id));
  }

  @Override
  public synchronized List<StoredSchedule> list(String prefix, String after, int limit) {
    Map<String, StoredSchedule> from =
        after == null ? schedules.tailMap(prefix, true) : schedules.tailMap(after, false);
    List<StoredSchedule> page = new ArrayList<>();
    for (StoredSchedule schedule : from.values()) {
      if (page.size() == limit) {
        break;
      }
      if (schedule.id().startsWith(prefix)) {
        page.add(schedule);
      } else if (schedule.id().compareTo(prefix) > 0) {
        break;
      }
    }
    return page;
  }

  @Override
  public synchronized boolean remove(String id, Instant now) {
    StoredSchedule old = schedules.remove(id);
    dropAhead(id, now);
    // Held ticks whose moment has come keep their pending records, which the take-over adds.
    ahead.remove(id);
    unindex(old);
    return old != null;
  }

  @Override
  public synchronized boolean pause(String id, Instant now) {
    StoredSchedule old = schedules.get(id);
    if (old == null) {
      return false;
    }
    dropAhead(id, now);
    unindex(old);
    put(new StoredSchedule(id, old.definition(), true, null, old.lastRun(), old.runs()));
    return true;
  }

  @Override
  public synchronized boolean resume(String id, Instant nextRun) {
    StoredSchedule old = schedules.get(id);
    if (old == null) {
      return false;
    }
    unindex(old);
    put(new StoredSchedule(id, old.definition(), false, nextRun, old.lastRun(), old.runs()));
    return true;
  }

  @Override
  public synchronized List<DueTick> due(Instant now, int limit) {
    List<DueTick> due = new ArrayList<>();
    for (Entry entry : index) {
      if (due.size() == limit || entry.next().isAfter(now)) {
        break;
      }
      due.add(new DueTick(entry.id(), entry.next()));
    }
    return due;
  }

  @Override
  public synchronized Optional<Instant> earliest() {
    return index.isEmpty() ? Optional.empty() : Optional.of(index.first().next());
  }

  @Override
  public synchronized boolean claim(ScheduleClaim claim) {
    return claim(claim, true);
  }

  private boolean claim(ScheduleClaim claim, boolean countRun) {
    String id = claim.id();
    StoredSchedule old = schedules.get(id);
    if (old == null || old.nextRun() == null || !old.nextRun().equals(claim.tick())) {
      return false;
    }
    // A tick that already ran (started just before an upsert or resume indexed it again) moves the
    // schedule on to its next tick, but is not won again.
    boolean ran = old.lastRun() != null && !old.lastRun().isBefore(claim.tick());
    Instant enqueued = countRun && !ran ? claim.enqueued() : null;
    unindex(old);
    put(
        new StoredSchedule(
            id,
            old.definition(),
            false,
            claim.next(),
            enqueued == null ? old.lastRun() : enqueued,
            enqueued == null ? old.runs() : old.runs() + 1));
    return !ran;
  }

  @Override
  public synchronized List<Boolean> claimAll(List<ScheduleClaim> claims, Instant leaseUntil) {
    return claimKeepingPending(claims, leaseUntil, false);
  }

  @Override
  public boolean claimsAhead() {
    return true;
  }

  @Override
  public synchronized List<Boolean> claimAhead(List<ScheduleClaim> claims, Instant leaseUntil) {
    return claimKeepingPending(claims, leaseUntil, true);
  }

  private List<Boolean> claimKeepingPending(
      List<ScheduleClaim> claims, Instant leaseUntil, boolean claimedAhead) {
    List<Boolean> claimed = new ArrayList<>();
    for (ScheduleClaim claim : claims) {
      StoredSchedule current = schedules.get(claim.id());
      boolean won = claim(claim, !claimedAhead);
      if (won && claim.enqueued() != null) {
        PendingTick tick = new PendingTick(claim.id(), claim.enqueued(), current.definition());
        pending.put(
            ScheduledJobIds.member(claim.id(), claim.enqueued()), new Pending(tick, leaseUntil));
        if (claimedAhead) {
          ahead.computeIfAbsent(claim.id(), i -> new HashSet<>()).add(claim.enqueued());
        }
      }
      claimed.add(won);
    }
    return claimed;
  }

  @Override
  public synchronized List<Boolean> start(List<PendingTick> ticks) {
    return ticks.stream().map(tick -> countAheadRun(tick.id(), tick.tick())).toList();
  }

  /**
   * Counts the run of {@code tick}, if the schedule holds it claimed ahead; the last run is the
   * latest tick that ran.
   */
  private boolean countAheadRun(String id, Instant tick) {
    StoredSchedule old = schedules.get(id);
    Set<Instant> held = ahead.get(id);
    if (old == null || held == null || !held.remove(tick)) {
      return false;
    }
    if (held.isEmpty()) {
      ahead.remove(id);
    }
    Instant last = old.lastRun() == null || tick.isAfter(old.lastRun()) ? tick : old.lastRun();
    schedules.put(
        id,
        new StoredSchedule(
            id, old.definition(), old.paused(), old.nextRun(), last, old.runs() + 1));
    return true;
  }

  /**
   * Drops the ticks of the schedule claimed ahead whose moment is still after {@code now}, with
   * their pending records; those whose moment has come stay held (see {@link
   * ScheduleStore#upsert}).
   */
  private void dropAhead(String id, Instant now) {
    Set<Instant> held = ahead.get(id);
    if (held == null) {
      return;
    }
    held.removeIf(
        tick -> {
          if (!tick.isAfter(now)) {
            return false;
          }
          pending.remove(ScheduledJobIds.member(id, tick));
          return true;
        });
    if (held.isEmpty()) {
      ahead.remove(id);
    }
  }

  @Override
  public boolean keepsPendingTicks() {
    return true;
  }

  @Override
  public synchronized void settle(List<PendingTick> ticks) {
    ticks.forEach(tick -> pending.remove(ScheduledJobIds.member(tick.id(), tick.tick())));
  }

  @Override
  public synchronized List<PendingTick> takeOver(Instant now, Instant leaseUntil, int limit) {
    List<Map.Entry<String, Pending>> expired =
        pending.entrySet().stream()
            .filter(entry -> !entry.getValue().leaseUntil().isAfter(now))
            .sorted(Comparator.comparing(entry -> entry.getValue().leaseUntil()))
            .limit(limit)
            .toList();
    List<PendingTick> taken = new ArrayList<>();
    for (Map.Entry<String, Pending> entry : expired) {
      PendingTick tick = entry.getValue().tick();
      countAheadRun(tick.id(), tick.tick());
      taken.add(tick);
      entry.setValue(new Pending(entry.getValue().tick(), leaseUntil));
    }
    return taken;
  }

  private void put(StoredSchedule schedule) {
    schedules.put(schedule.id(), schedule);
    if (schedule.nextRun() != null) {
      index.add(new Entry(schedule.nextRun(), schedule.id()));
    }
  }

  private void unindex(StoredSchedule schedule) {
    if (schedule != null && schedule.nextRun() != null) {
      index.remove(new Entry(schedule.nextRun(), schedule.id()));
    }
  }
}
