package dev.errand.core;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed access to configuration values.
 *
 * <p>{@link #fromEnv()} reads environment variables; a JVM system property of the same name ({@code
 * -DJOBS_ATTEMPTS=5}) or its dotted lower-case form ({@code -Djobs.attempts=5}) overrides the
 * variable. Every getter takes the documented default, and a value that cannot be used fails with a
 * {@link SettingsException} naming the setting, the value and what is allowed.
 */
public final class Settings {

  private static final Pattern DURATION =
      Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);

  private final Function<String, String> source;

  private Settings(Function<String, String> source) {
    this.source = source;
  }

  /** Environment variables, overridden by system properties. */
  public static Settings fromEnv() {
    Map<String, String> env = System.getenv();
    return new Settings(
        name -> {
          String property = System.getProperty(name);
          if (property == null) {
            property = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
          }
          return property != null ? property : env.get(name);
        });
  }

  /** Fixed values, for tests and programmatic configuration. */
  public static Settings of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return new Settings(copy::get);
  }

  /** These settings with some values replaced. */
  public Settings with(Map<String, String> overrides) {
    Map<String, String> copy = new HashMap<>(overrides);
    return new Settings(name -> copy.containsKey(name) ? copy.get(name) : source.apply(name));
  }

  /** The raw value, if set to something other than blank. */
  public Optional<String> get(String name) {
    String value = source.apply(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /**
   * The name to read a renamed setting by: {@code name}, unless only one of its {@code formerNames}
   * is set, which then still counts (and is the name an error about its value shows). A value under
   * {@code name} wins over one under a former name.
   */
  public String renamed(String name, String... formerNames) {
    if (get(name).isPresent()) {
      return name;
    }
    for (String former : formerNames) {
      if (get(former).isPresent()) {
        return former;
      }
    }
    return name;
  }

  public String string(String name, String defaultValue) {
    return get(name).orElse(defaultValue);
  }

  /** A required value: fails naming the setting when it is missing. */
  public String required(String name, String meaning) {
    return get(name)
        .orElseThrow(() -> new SettingsException(name, "is required (" + meaning + ")"));
  }

  public int integer(String name, int defaultValue, int min, int max) {
    return (int) longValue(name, defaultValue, min, max);
  }

  public long longValue(String name, long defaultValue, long min, long max) {
    Optional<String> raw = get(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    String allowed = "a whole number from " + min + " to " + max;
    try {
      long value = Long.parseLong(raw.get());
      if (value < min || value > max) {
        throw new SettingsException(name, raw.get(), allowed);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new SettingsException(name, raw.get(), allowed);
    }
  }

  public boolean bool(String name, boolean defaultValue) {
    Optional<String> raw = get(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new SettingsException(name, raw.get(), "true or false");
    };
  }

  /**
   * A duration written as a number of milliseconds ({@code 2000}) or with a unit ({@code 500ms},
   * {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}).
   */
  public Duration duration(String name, Duration defaultValue) {
    Optional<String> raw = get(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    Matcher m = DURATION.matcher(raw.get());
    if (!m.matches()) {
      throw new SettingsException(
          name, raw.get(), "milliseconds (2000) or a number with a unit: 500ms, 30s, 5m, 2h, 1d");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
    return switch (unit) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> Duration.ofMillis(amount);
    };
  }

  /**
   * One of an enum's constants, matched case-insensitively with {@code -} and {@code _} treated
   * alike ({@code node-cron} matches {@code NODE_CRON}).
   */
  public <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
    Optional<String> raw = get(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    String wanted = raw.get().replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(wanted)) {
        return constant;
      }
    }
    String allowed =
        Arrays.stream(type.getEnumConstants())
            .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
            .collect(Collectors.joining(", "));
    throw new SettingsException(name, raw.get(), "one of " + allowed);
  }
}
