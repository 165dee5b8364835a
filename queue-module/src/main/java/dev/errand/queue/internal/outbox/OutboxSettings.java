package dev.errand.queue.internal.outbox;

import dev.errand.core.Settings;
import dev.errand.core.SettingsException;
import java.time.Duration;

/**
 * Whether jobs added in the application's transaction go through an outbox table ({@code
 * JOBS_OUTBOX}, default false), and how often an idle relay looks at it ({@code JOBS_OUTBOX_POLL},
 * 10ms to 1m, default 500ms). Adds made in this process wake its relay at once; the poll only
 * bounds how long rows committed by a process without a relay wait.
 */
public record OutboxSettings(boolean enabled, Duration poll) {

  private static final Duration SHORTEST = Duration.ofMillis(10);
  private static final Duration LONGEST = Duration.ofMinutes(1);

  public static OutboxSettings from(Settings settings) {
    boolean enabled = settings.bool("JOBS_OUTBOX", false);
    Duration poll = settings.duration("JOBS_OUTBOX_POLL", Duration.ofMillis(500));
    if (poll.compareTo(SHORTEST) < 0 || poll.compareTo(LONGEST) > 0) {
      throw new SettingsException("JOBS_OUTBOX_POLL", poll.toString(), "10ms to 1m");
    }
    return new OutboxSettings(enabled, poll);
  }
}
