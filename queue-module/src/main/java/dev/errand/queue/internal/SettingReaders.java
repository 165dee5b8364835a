package dev.errand.queue.internal;

import dev.errand.core.Settings;
import dev.errand.core.SettingsException;
import dev.errand.queue.Backoff;
import dev.errand.queue.QueueSettings.BackoffType;
import dev.errand.queue.Retention;
import java.time.Duration;

/**
 * How {@link dev.errand.queue.QueueSettings} reads its compound settings: backoffs and retention.
 */
public final class SettingReaders {

  private SettingReaders() {}

  /** The backoff {@code typeName} and {@code delayName} set, else {@code fallback}. */
  public static Backoff backoff(
      Settings settings, String typeName, String delayName, Backoff fallback) {
    boolean typeSet = settings.get(typeName).isPresent();
    boolean delaySet = settings.get(delayName).isPresent();
    if (fallback != null && !typeSet && !delaySet) {
      return fallback;
    }
    BackoffType fallbackType =
        fallback instanceof Backoff.Fixed ? BackoffType.FIXED : BackoffType.EXPONENTIAL;
    Duration fallbackDelay =
        switch (fallback) {
          case Backoff.Fixed f -> f.delay();
          case Backoff.Exponential e -> e.initialDelay();
          case null, default -> Duration.ofMillis(2000);
        };
    BackoffType type = settings.choice(typeName, BackoffType.class, fallbackType);
    Duration delay = settings.duration(delayName, fallbackDelay);
    return type == BackoffType.FIXED ? Backoff.fixed(delay) : Backoff.exponential(delay);
  }

  /** Retention from {@code all}, {@code none}, a count ({@code 1000}) or an age ({@code 24h}). */
  public static Retention retention(Settings settings, String name, Retention fallback) {
    String raw = settings.get(name).orElse(null);
    if (raw == null) {
      return fallback;
    }
    if (raw.equalsIgnoreCase("all")) {
      return Retention.keepAll();
    }
    if (raw.equalsIgnoreCase("none")) {
      return Retention.none();
    }
    if (raw.chars().allMatch(Character::isDigit)) {
      return Retention.keepLast(settings.longValue(name, 0, 0, Long.MAX_VALUE));
    }
    try {
      return Retention.keepFor(settings.duration(name, null));
    } catch (SettingsException e) {
      throw new SettingsException(
          name, raw, "all, none, a count to keep (1000) or an age to keep them for (24h)");
    }
  }
}
