package dev.errand.cron.spi;

import dev.errand.core.Health;
import dev.errand.cron.CronRun;
import dev.errand.cron.RunStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The tick lock and run history behind the cron layer. Errand ships three: local (in memory), Redis
 * and JDBC; {@code CronAdapter.withStore} takes another.
 *
 * <p>{@link #claim} is the one operation that must be atomic across every instance sharing the
 * store: it decides, for one tick, between running it, skipping it because a run of the job is
 * still going, and leaving it to the instance that claimed it first.
 */
public interface CronStore {

  /** Called once at start with the ids of the jobs this process knows: create tables, rows. */
  default void prepare(Collection<String> jobIds) {}

  /**
   * Claims a tick. In one atomic step: a paused job yields {@link ClaimOutcome#PAUSED} (unless
   * {@link TickClaim#ignorePause}); a tick already recorded yields {@link ClaimOutcome#TAKEN}; a
   * RUNNING run of the job whose lease ran out (no {@link #renew} within {@link TickClaim#lease})
   * or that is stale (started {@link TickClaim#staleAfter} ago) is marked FAILURE; one that is
   * neither makes this tick SKIPPED; otherwise the tick is recorded RUNNING, its lease starting
   * now, and {@link ClaimOutcome#RUN} returned.
   */
  ClaimOutcome claim(TickClaim claim);

  /**
   * Renews the lease of a run this instance claimed, as of {@code now}: the heartbeat that tells
   * other instances the run's process is alive.
   *
   * @return false when the run is no longer RUNNING (it finished, or another instance took it over
   *     after its lease ran out), so there is nothing to renew
   */
  boolean renew(String jobId, Instant scheduledAt, Instant now);

  /** Records the end of a run this instance claimed. */
  void finish(
      String jobId, Instant scheduledAt, RunStatus status, Instant finishedAt, String error);

  /** The job's latest runs, newest tick first. */
  List<CronRun> history(String jobId, int limit);

  /** Deletes the job's finished runs whose tick is before {@code before}; returns how many. */
  int prune(String jobId, Instant before);

  /** Disables (true) or enables (false) the job's scheduled ticks on every instance. */
  void setPaused(String jobId, boolean paused);

  boolean isPaused(String jobId);

  /** Whether the store is reachable. */
  default Health health() {
    return Health.ok();
  }
}
