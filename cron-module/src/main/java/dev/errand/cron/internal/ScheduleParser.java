package dev.errand.cron.internal;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.errand.core.Settings;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of a {@code @Cron} value and timezone into a {@link Schedule}. Failures are {@link
 * IllegalArgumentException}s that say what is allowed; the caller adds which method.
 */
public final class ScheduleParser {

  private static final Pattern SETTING = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)(?::(.*))?}");
  private static final Pattern EVERY =
      Pattern.compile("@every\\s+(\\d+)\\s*(s|m|h)", Pattern.CASE_INSENSITIVE);
  private static final Map<String, String> MACROS =
      Map.of(
          "@hourly", "0 * * * *",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@weekly", "0 0 * * 0",
          "@monthly", "0 0 1 * *",
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *");
  private static final String ALLOWED =
      "use 5 fields (minute hour day-of-month month day-of-week), 6 with a leading seconds field,"
          + " a macro (@hourly, @daily, @weekly, @monthly, @yearly), @every <n>s|m|h, or"
          + " ${SETTING:default}";

  /** Unix cron with a leading seconds field; 5-field expressions get "0 " prepended. */
  private static final CronParser PARSER = new CronParser(withSeconds(false));

  /**
   * The same, but a day must match both day fields: for expressions where one of them starts with
   * {@code *} (such as {@code *}{@code /2}), which Vixie cron and cronie treat as unrestricted.
   */
  private static final CronParser BOTH_DAY_FIELDS = new CronParser(withSeconds(true));

  private static final int DAY_OF_MONTH = 3;
  private static final int DAY_OF_WEEK = 5;

  private final Settings settings;

  public ScheduleParser(Settings settings) {
    this.settings = settings;
  }

  /** Parses a schedule following the wall clock of {@code zoneText}. */
  public Schedule parse(String valueText, String zoneText) {
    ZoneId zone = zone(zoneText);
    String value = resolve(valueText);
    String lower = value.toLowerCase(Locale.ROOT);
    Matcher every = EVERY.matcher(value);
    if (every.matches()) {
      long amount = Long.parseLong(every.group(1));
      Duration interval =
          switch (every.group(2).toLowerCase(Locale.ROOT)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
          };
      if (interval.isZero()) {
        throw new IllegalArgumentException(
            "schedule \"" + value + "\" has a zero interval; " + ALLOWED);
      }
      return new IntervalSchedule(interval, value);
    }
    String expression = MACROS.getOrDefault(lower, value);
    if (expression.startsWith("@")) {
      throw new IllegalArgumentException("unknown macro \"" + value + "\"; " + ALLOWED);
    }
    String[] fields = expression.trim().split("\\s+");
    if (fields.length != 5 && fields.length != 6) {
      throw new IllegalArgumentException(
          "schedule \"" + value + "\" has " + fields.length + " fields; " + ALLOWED);
    }
    String sixFields = fields.length == 5 ? "0 " + String.join(" ", fields) : expression.trim();
    try {
      var cron = parserFor(sixFields.split("\\s+")).parse(sixFields);
      cron.validate();
      boolean everyHour = cron.retrieve(CronFieldName.HOUR).getExpression() instanceof Always;
      return new ExpressionSchedule(ExecutionTime.forCron(cron), zone, value, everyHour);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "schedule \"" + value + "\" does not parse (" + e.getMessage() + "); " + ALLOWED, e);
    }
  }

  /**
   * The parser for a six-field expression. Cron's rule for the two day fields: when both are
   * restricted, a day matching either runs (OR); when either is unrestricted, only the other
   * counts. Like Vixie cron and cronie, a field written starting with {@code *} counts as
   * unrestricted even with a step, so {@code 0 9 *}{@code /2 * MON} runs on Mondays that fall on
   * odd days of the month (AND), not on every Monday and every odd day.
   */
  private static CronParser parserFor(String[] sixFields) {
    boolean starred =
        sixFields[DAY_OF_MONTH].startsWith("*") || sixFields[DAY_OF_WEEK].startsWith("*");
    return starred ? BOTH_DAY_FIELDS : PARSER;
  }

  /** Resolves a whole-value setting reference, {@code ${NAME}} or {@code ${NAME:default}}. */
  public String resolve(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the schedule is blank; " + ALLOWED);
    }
    Matcher m = SETTING.matcher(text.trim());
    if (!m.matches()) {
      return text.trim();
    }
    String name = m.group(1);
    String fallback = m.group(2);
    String value = settings.get(name).orElse(fallback);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "setting " + name + " is not set and \"" + text + "\" gives no default after a colon");
    }
    return value.trim();
  }

  private ZoneId zone(String zoneText) {
    String resolved = resolve(zoneText);
    try {
      return ZoneId.of(resolved);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "timezone \""
              + resolved
              + "\" is not a zone id; use a region such as UTC, Europe/Berlin or"
              + " America/New_York",
          e);
    }
  }

  private static CronDefinition withSeconds(boolean matchBothDayFields) {
    CronDefinitionBuilder builder = CronDefinitionBuilder.defineCron();
    if (matchBothDayFields) {
      builder.matchDayOfWeekAndDayOfMonth();
    }
    return builder
        .withSeconds()
        .withValidRange(0, 59)
        .withStrictRange()
        .and()
        .withMinutes()
        .withValidRange(0, 59)
        .withStrictRange()
        .and()
        .withHours()
        .withValidRange(0, 23)
        .withStrictRange()
        .and()
        .withDayOfMonth()
        .withValidRange(1, 31)
        .withStrictRange()
        .and()
        .withMonth()
        .withValidRange(1, 12)
        .withStrictRange()
        .and()
        .withDayOfWeek()
        .withValidRange(0, 7)
        .withMondayDoWValue(1)
        .withIntMapping(7, 0)
        .withStrictRange()
        .and()
        .instance();
  }
}
