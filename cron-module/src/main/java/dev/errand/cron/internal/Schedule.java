package dev.errand.cron.internal;

import java.time.Instant;
import java.util.Optional;

/** When a job's ticks fall. Ticks are whole seconds. */
public interface Schedule {

  /** The first tick strictly after {@code after}, if there is one. */
  Optional<Instant> next(Instant after);

  /** The latest tick at or before {@code atOrBefore}, if there is one. */
  Optional<Instant> previous(Instant atOrBefore);

  /** The schedule as written after resolution, for status and logs. */
  String describe();
}
