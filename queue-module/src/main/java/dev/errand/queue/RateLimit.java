package dev.errand.queue;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * At most {@code max} jobs started per {@code per}, counted across every process that works the
 * queue, in fixed windows that start with the first job of each window.
 *
 * @param max how many jobs may start in a window, at least 1
 * @param per the window's length, at least a millisecond
 */
public record RateLimit(int max, Duration per) {

  public RateLimit {
    Objects.requireNonNull(per, "per");
    if (max < 1 || per.toMillis() < 1) {
      throw new IllegalArgumentException(
          "A rate limit needs at least 1 job per at least 1 ms, not " + max + " per " + per);
    }
  }

  public static RateLimit of(int max, Duration per) {
    return new RateLimit(max, per);
  }

  /**
   * Reads {@code "100/1s"}: a count, a slash, and a duration in ms, s, m or h (a bare number is
   * milliseconds).
   *
   * @throws IllegalArgumentException naming the accepted form
   */
  public static RateLimit parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    int slash = value.indexOf('/');
    try {
      if (slash < 1) {
        throw new NumberFormatException();
      }
      int max = Integer.parseInt(value.substring(0, slash).trim());
      String window = value.substring(slash + 1).trim();
      long unit = 1;
      String digits = window;
      if (window.endsWith("ms")) {
        digits = window.substring(0, window.length() - 2);
      } else if (window.endsWith("s")) {
        unit = 1000;
        digits = window.substring(0, window.length() - 1);
      } else if (window.endsWith("m")) {
        unit = 60_000;
        digits = window.substring(0, window.length() - 1);
      } else if (window.endsWith("h")) {
        unit = 3_600_000;
        digits = window.substring(0, window.length() - 1);
      }
      return new RateLimit(max, Duration.ofMillis(Long.parseLong(digits.trim()) * unit));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a rate limit: write it as COUNT/DURATION, e.g. 100/1s or 5/200ms");
    }
  }
}
