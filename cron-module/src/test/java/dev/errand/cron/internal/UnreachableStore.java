package dev.errand.cron.internal;

import dev.errand.cron.CronRun;
import dev.errand.cron.RunStatus;
import dev.errand.cron.spi.ClaimOutcome;
import dev.errand.cron.spi.CronStore;
import dev.errand.cron.spi.TickClaim;
import java.time.Instant;
import java.util.List;

/** A lock store whose server is down: every call fails as a refused Redis connection does. */
final class UnreachableStore implements CronStore {

  private static IllegalStateException down() {
    return new IllegalStateException(
        "Cannot connect to Redis at redis://127.0.0.1:1: Connection refused",
        new IllegalStateException("Connection refused"));
  }

  @Override
  public ClaimOutcome claim(TickClaim claim) {
    throw down();
  }

  @Override
  public void finish(
      String jobId, Instant scheduledAt, RunStatus status, Instant finishedAt, String error) {
    throw down();
  }

  @Override
  public boolean renew(String jobId, Instant scheduledAt, Instant now) {
    throw down();
  }

  @Override
  public List<CronRun> history(String jobId, int limit) {
    throw down();
  }

  @Override
  public int prune(String jobId, Instant before) {
    throw down();
  }

  @Override
  public void setPaused(String jobId, boolean paused) {
    throw down();
  }

  @Override
  public boolean isPaused(String jobId) {
    return false;
  }
}
