package dev.errand.cron.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.core.Settings;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleParserTest {

  private final ScheduleParser parser = new ScheduleParser(Settings.of(Map.of()));

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  @Test
  void shouldParseFiveFieldUnixExpressions() {
    Schedule schedule = parser.parse("0 9 * * MON-FRI", "UTC");

    // 2026-11-20 is a Friday: the next weekday 09:00 after Friday 10:00 is Monday.
    assertThat(schedule.next(at("2026-11-20T10:00:00Z"))).contains(at("2026-11-23T09:00:00Z"));
    assertThat(schedule.describe()).isEqualTo("0 9 * * MON-FRI");
  }

  @Test
  void shouldParseSixFieldExpressionsWithLeadingSeconds() {
    Schedule schedule = parser.parse("*/10 * * * * *", "UTC");

    assertThat(schedule.next(at("2026-11-22T12:00:05Z"))).contains(at("2026-11-22T12:00:10Z"));
    assertThat(schedule.next(at("2026-11-22T12:00:10Z"))).contains(at("2026-11-22T12:00:20Z"));
    assertThat(schedule.next(at("2026-11-22T12:00:59.500Z"))).contains(at("2026-11-22T12:01:00Z"));
  }

  @Test
  void shouldTreatSundayAsZeroOrSeven() {
    Instant saturday = at("2026-11-21T12:00:00Z");

    assertThat(parser.parse("0 0 * * 0", "UTC").next(saturday))
        .contains(at("2026-11-22T00:00:00Z"));
    assertThat(parser.parse("0 0 * * 7", "UTC").next(saturday))
        .contains(at("2026-11-22T00:00:00Z"));
  }

  @Test
  void shouldRunOnEitherDayFieldWhenBothNameDays() {
    Schedule firstOrMonday = parser.parse("0 9 1 * MON", "UTC");

    // Tuesday the 24th: the next Monday (the 30th) comes before the 1st.
    assertThat(firstOrMonday.next(at("2026-11-24T00:00:00Z"))).contains(at("2026-11-30T09:00:00Z"));
    assertThat(firstOrMonday.next(at("2026-11-30T10:00:00Z"))).contains(at("2026-12-01T09:00:00Z"));
  }

  @Test
  void shouldTreatADayOfMonthStepStartingWithAStarAsUnrestricted() {
    Schedule oddMondays = parser.parse("0 9 */2 * MON", "UTC");

    // Both must match: Mondays on odd days. November 2026's are the 9th and 23rd, December's the
    // 7th and 21st; every odd day (the 25th) or every Monday (the 30th) would be OR.
    assertThat(oddMondays.next(at("2026-11-10T00:00:00Z"))).contains(at("2026-11-23T09:00:00Z"));
    assertThat(oddMondays.next(at("2026-11-23T10:00:00Z"))).contains(at("2026-12-07T09:00:00Z"));
  }

  @Test
  void shouldTreatADayOfWeekStepStartingWithAStarAsUnrestricted() {
    // */2 in day-of-week is Sunday, Tuesday, Thursday, Saturday; the 1st and 15th must be one.
    Schedule schedule = parser.parse("0 9 1,15 * */2", "UTC");

    // December 1st 2026 is a Tuesday; December 15th a Tuesday too; January 1st 2027 a Friday,
    // January 15th a Friday, February 1st a Monday, February 15th a Monday, March 1st a Monday,
    // March 15th a Monday, April 1st a Thursday.
    assertThat(schedule.next(at("2026-11-22T00:00:00Z"))).contains(at("2026-12-01T09:00:00Z"));
    assertThat(schedule.next(at("2026-12-15T10:00:00Z"))).contains(at("2027-04-01T09:00:00Z"));
  }

  @Test
  void shouldExpandMacros() {
    Instant from = at("2026-11-22T10:30:00Z"); // a Sunday

    assertThat(parser.parse("@hourly", "UTC").next(from)).contains(at("2026-11-22T11:00:00Z"));
    assertThat(parser.parse("@daily", "UTC").next(from)).contains(at("2026-11-23T00:00:00Z"));
    assertThat(parser.parse("@midnight", "UTC").next(from)).contains(at("2026-11-23T00:00:00Z"));
    assertThat(parser.parse("@weekly", "UTC").next(from)).contains(at("2026-11-29T00:00:00Z"));
    assertThat(parser.parse("@monthly", "UTC").next(from)).contains(at("2026-12-01T00:00:00Z"));
    assertThat(parser.parse("@yearly", "UTC").next(from)).contains(at("2027-01-01T00:00:00Z"));
    assertThat(parser.parse("@ANNUALLY", "UTC").next(from)).contains(at("2027-01-01T00:00:00Z"));
  }

  @Test
  void shouldAlignFixedIntervalsToTheEpoch() {
    Schedule every30s = parser.parse("@every 30s", "Europe/Berlin");
    Schedule every5m = parser.parse("@every 5m", "UTC");
    Schedule every2h = parser.parse("@every 2h", "UTC");

    assertThat(every30s.next(at("2026-11-22T12:00:05Z"))).contains(at("2026-11-22T12:00:30Z"));
    assertThat(every30s.next(at("2026-11-22T12:00:30Z"))).contains(at("2026-11-22T12:01:00Z"));
    assertThat(every30s.previous(at("2026-11-22T12:00:45Z"))).contains(at("2026-11-22T12:00:30Z"));
    assertThat(every5m.next(at("2026-11-22T12:03:00Z"))).contains(at("2026-11-22T12:05:00Z"));
    assertThat(every2h.next(at("2026-11-22T13:00:00Z"))).contains(at("2026-11-22T14:00:00Z"));
  }

  @Test
  void shouldFindThePreviousTickAtOrBeforeAnInstant() {
    Schedule daily = parser.parse("0 9 * * *", "UTC");

    assertThat(daily.previous(at("2026-11-22T10:00:00Z"))).contains(at("2026-11-22T09:00:00Z"));
    assertThat(daily.previous(at("2026-11-22T09:00:00Z"))).contains(at("2026-11-22T09:00:00Z"));
    assertThat(daily.previous(at("2026-11-22T08:59:59Z"))).contains(at("2026-11-21T09:00:00Z"));
  }

  @Test
  void shouldFollowTheJobsZone() {
    Schedule berlin = parser.parse("0 9 * * *", "Europe/Berlin");

    // Berlin is UTC+1 in November.
    assertThat(berlin.next(at("2026-11-22T00:00:00Z"))).contains(at("2026-11-22T08:00:00Z"));
  }

  @Test
  void shouldReadTheScheduleFromANamedSettingWithADefault() {
    ScheduleParser unset = new ScheduleParser(Settings.of(Map.of()));
    ScheduleParser set =
        new ScheduleParser(Settings.of(Map.of("JOBS_DATA_RETENTION_SCHEDULE", "0 4 * * *")));
    String value = "${JOBS_DATA_RETENTION_SCHEDULE:0 2 * * *}";
    Instant from = at("2026-11-22T00:00:00Z");

    assertThat(unset.parse(value, "UTC").next(from)).contains(at("2026-11-22T02:00:00Z"));
    assertThat(set.parse(value, "UTC").next(from)).contains(at("2026-11-22T04:00:00Z"));
    assertThat(set.parse(value, "UTC").describe()).isEqualTo("0 4 * * *");
  }

  @Test
  void shouldReadTheZoneFromANamedSetting() {
    ScheduleParser withZone = new ScheduleParser(Settings.of(Map.of("REPORT_ZONE", "Asia/Tokyo")));

    assertThat(withZone.parse("0 9 * * *", "${REPORT_ZONE:UTC}").next(at("2026-11-22T00:00:00Z")))
        .contains(at("2026-11-23T00:00:00Z"));
  }

  @Test
  void shouldRequireASettingReferencedWithoutDefault() {
    assertThatThrownBy(() -> parser.parse("${REPORT_SCHEDULE}", "UTC"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("REPORT_SCHEDULE is not set");
  }

  @Test
  void shouldRejectAnInvalidScheduleNamingTheValue() {
    assertThatThrownBy(() -> parser.parse("0 9 * *", "UTC"))
        .hasMessageContaining("\"0 9 * *\" has 4 fields")
        .hasMessageContaining("6 with a leading seconds field");
    assertThatThrownBy(() -> parser.parse("61 * * * *", "UTC"))
        .hasMessageContaining("\"61 * * * *\" does not parse");
    assertThatThrownBy(() -> parser.parse("0 25 * * *", "UTC"))
        .hasMessageContaining("\"0 25 * * *\" does not parse");
    assertThatThrownBy(() -> parser.parse("@fortnightly", "UTC"))
        .hasMessageContaining("unknown macro \"@fortnightly\"");
    assertThatThrownBy(() -> parser.parse("@every 0s", "UTC"))
        .hasMessageContaining("zero interval");
    assertThatThrownBy(() -> parser.parse("@every 10 parsecs", "UTC"))
        .hasMessageContaining("unknown macro");
    assertThatThrownBy(() -> parser.parse(" ", "UTC")).hasMessageContaining("blank");
    assertThatThrownBy(() -> parser.parse("${BAD_SETTING:nonsense}", "UTC"))
        .hasMessageContaining("\"nonsense\" has 1 fields");
  }

  @Test
  void shouldRejectAnUnknownZone() {
    assertThatThrownBy(() -> parser.parse("0 9 * * *", "Mars/Olympus_Mons"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timezone \"Mars/Olympus_Mons\" is not a zone id");
  }
}
