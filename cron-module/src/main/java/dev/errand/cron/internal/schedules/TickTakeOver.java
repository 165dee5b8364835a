package dev.errand.cron.internal.schedules;

import dev.errand.cron.spi.PendingTick;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.queue.NewJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over the ticks that their claiming instance did not add within {@code CRON_RUN_LEASE} (it
 * died, or its adds kept failing), and adds their jobs.
 */
final class TickTakeOver {

  private static final Logger log = LoggerFactory.getLogger(TickTakeOver.class);

  private final ScheduleStore store;
  private final Clock clock;
  private final Duration lease;
  private final Duration every;
  private final TickAdder adder;
  private Instant next = Instant.MIN;

  TickTakeOver(ScheduleStore store, Clock clock, Duration lease, TickAdder adder) {
    this.store = store;
    this.clock = clock;
    this.lease = lease;
    // Expired leases are looked for four times a lease: a dead instance's ticks are added within
    // 1.25 leases, for a few commands a minute.
    this.every = lease.dividedBy(4);
    this.adder = adder;
  }

  /** When to look next. */
  Instant next() {
    return next;
  }

  /**
   * Takes over, when it is time to look, the ticks whose claimers did not add their jobs within the
   * lease, and adds them; returns how many it took.
   */
  int dueNow() {
    Instant now = clock.instant();
    if (now.isBefore(next)) {
      return 0;
    }
    next = now.plus(every);
    List<PendingTick> taken = store.takeOver(now, now.plus(lease), ScheduleTicker.BATCH);
    if (taken.isEmpty()) {
      return 0;
    }
    log.warn(
        "Schedules took over {} tick(s) ({}@{}...) whose claiming instance did not add their jobs"
            + " within CRON_RUN_LEASE ({}); adding them",
        taken.size(),
        taken.getFirst().id(),
        taken.getFirst().tick(),
        lease);
    List<NewJob> jobs = new ArrayList<>();
    List<PendingTick> readable = new ArrayList<>();
    for (PendingTick tick : taken) {
      try {
        jobs.add(Definition.read(tick.id(), tick.definition()).job(tick.id(), tick.tick()));
        readable.add(tick);
      } catch (RuntimeException e) {
        log.error(
            "Schedule {}: its tick {} is dropped: {}", tick.id(), tick.tick(), e.getMessage());
        store.settle(List.of(tick));
      }
    }
    adder.add(jobs, readable);
    return taken.size();
  }
}
