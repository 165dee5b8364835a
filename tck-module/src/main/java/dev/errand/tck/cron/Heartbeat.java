package dev.errand.tck.cron;

import com.google.inject.Inject;
import dev.errand.cron.Cron;
import dev.errand.cron.CronContext;
import java.time.Instant;

/** The job the cluster suite runs every second, on every instance; it reports each run. */
final class Heartbeat {

  /** Hears each run of this instance's heartbeat. */
  interface Listener {
    void beat(Instant tick);
  }

  private final Listener listener;

  @Inject
  Heartbeat(Listener listener) {
    this.listener = listener;
  }

  @Cron(value = "@every 1s", description = "Counts the runs of each tick")
  void beat(CronContext context) {
    listener.beat(context.scheduledAt());
  }
}
