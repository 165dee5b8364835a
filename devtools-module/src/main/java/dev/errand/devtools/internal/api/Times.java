package dev.errand.devtools.internal.api;

import java.time.Duration;
import java.time.Instant;

/** Time values as the API writes them: ISO-8601 instants and whole milliseconds. */
public final class Times {

  private Times() {}

  public static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  public static Long millis(Duration duration) {
    return duration == null ? null : duration.toMillis();
  }
}
