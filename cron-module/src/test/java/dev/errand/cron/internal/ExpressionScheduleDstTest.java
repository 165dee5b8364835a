package dev.errand.cron.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.core.Settings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Next-run computation across the 2026 daylight saving transitions: New York springs forward on
 * March 8 (02:00 EST becomes 03:00 EDT) and falls back on November 1 (02:00 EDT becomes 01:00 EST);
 * Berlin springs forward on March 29 (02:00 CET becomes 03:00 CEST) and falls back on October 25
 * (03:00 CEST becomes 02:00 CET).
 */
class ExpressionScheduleDstTest {

  private final ScheduleParser parser = new ScheduleParser(Settings.of(Map.of()));

  /** The ticks from a fixed clock's instant up to {@code until}, as a scheduler would walk them. */
  private static List<Instant> ticks(Schedule schedule, Clock clock, String until) {
    List<Instant> ticks = new ArrayList<>();
    Instant cursor = clock.instant();
    Instant end = Instant.parse(until);
    while (true) {
      Instant next = schedule.next(cursor).orElseThrow();
      if (next.isAfter(end)) {
        return ticks;
      }
      ticks.add(next);
      cursor = next;
    }
  }

  private static Clock fixed(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  private static List<Instant> instants(String... texts) {
    return java.util.Arrays.stream(texts).map(Instant::parse).toList();
  }

  @Test
  void shouldRunATickInTheSkippedHourOnceAtTheTransitionInNewYork() {
    Schedule daily = parser.parse("30 2 * * *", "America/New_York");

    assertThat(ticks(daily, fixed("2026-03-07T12:00:00Z"), "2026-03-09T12:00:00Z"))
        .containsExactlyElementsOf(
            instants(
                "2026-03-08T07:00:00Z", // 02:30 does not exist: runs at 03:00 EDT
                "2026-03-09T06:30:00Z")); // 02:30 EDT
  }

  @Test
  void shouldCollapseEveryTickOfTheSkippedHourIntoOne() {
    Schedule quarterly = parser.parse("*/15 * * * *", "America/New_York");

    assertThat(ticks(quarterly, fixed("2026-03-08T06:40:00Z"), "2026-03-08T07:20:00Z"))
        .containsExactlyElementsOf(
            instants(
                "2026-03-08T06:45:00Z", // 01:45 EST
                "2026-03-08T07:00:00Z", // 03:00 EDT; 02:00-02:45 do not exist and have no tick
                "2026-03-08T07:15:00Z")); // 03:15 EDT
  }

  @Test
  void shouldRunATickInTheRepeatedHourOnceInNewYork() {
    Schedule daily = parser.parse("30 1 * * *", "America/New_York");

    assertThat(ticks(daily, fixed("2026-10-31T12:00:00Z"), "2026-11-02T12:00:00Z"))
        .containsExactlyElementsOf(
            instants(
                "2026-11-01T05:30:00Z", // 01:30 EDT; 01:30 EST (06:30Z) does not run
                "2026-11-02T06:30:00Z")); // 01:30 EST
  }

  @Test
  void shouldKeepTheRhythmOfHourlyExpressionsThroughTheRepeatedHour() {
    Schedule hourly = parser.parse("@hourly", "America/New_York");

    assertThat(ticks(hourly, fixed("2026-11-01T04:30:00Z"), "2026-11-01T08:00:00Z"))
        .containsExactlyElementsOf(
            instants(
                "2026-11-01T05:00:00Z", // 01:00 EDT
                "2026-11-01T06:00:00Z", // 01:00 EST: the hour field is *, so both passes run
                "2026-11-01T07:00:00Z", // 02:00 EST
                "2026-11-01T08:00:00Z"));
  }

  @Test
  void shouldKeepTheRhythmOfHourlyExpressionsThroughTheSkippedHour() {
    Schedule hourly = parser.parse("@hourly", "America/New_York");

    assertThat(ticks(hourly, fixed("2026-03-08T05:30:00Z"), "2026-03-08T08:00:00Z"))
        .containsExactlyElementsOf(
            instants(
                "2026-03-08T06:00:00Z", // 01:00 EST
                "2026-03-08T07:00:00Z", // 03:00 EDT, straight after 01:59:59 EST
                "2026-03-08T08:00:00Z"));
  }

  @Test
  void shouldRunAWildcardHourExpressionOncePerHourThroughTheSkippedHourInNewYork() {
    Schedule halfPast = parser.parse("30 * * * *", "America/New_York");

    assertThat(ticks(halfPast, fixed("2026-03-08T05:50:00Z"), "2026-03-08T08:00:00Z"))
        .containsExactlyElementsOf(
            instants(
                "2026-03-08T06:30:00Z", // 01:30 EST
                // 02:30 does not exist; it is not moved to 03:00, which would run twice in 30 min
                "2026-03-08T07:30:00Z")); // 03:30 EDT
    assertThat(halfPast.previous(Instant.parse("2026-03-08T07:29:00Z")))
        .contains(Instant.parse("2026-03-08T06:30:00Z"));
  }

  @Test
  void shouldRunAWildcardHourExpressionInBothPassesOfTheRepeatedHourInNewYork() {
    Schedule halfPast = parser.parse("30 * * * *", "America/New_York");

    assertThat(ticks(halfPast, fixed("2026-11-01T05:00:00Z"), "2026-11-01T08:00:00Z"))
        .containsExactlyElementsOf(
            instants(
                "2026-11-01T05:30:00Z", // 01:30 EDT
                "2026-11-01T06:30:00Z", // 01:30 EST
                "2026-11-01T07:30:00Z")); // 02:30 EST
  }

  @Test
  void shouldRunAWildcardHourExpressionOncePerHourThroughBothTransitionsInBerlin() {
    Schedule halfPast = parser.parse("30 * * * *", "Europe/Berlin");

    assertThat(ticks(halfPast, fixed("2026-03-29T00:00:00Z"), "2026-03-29T02:00:00Z"))
        .containsExactlyElementsOf(
            instants(
                "2026-03-29T00:30:00Z", // 01:30 CET; 02:30 does not exist
                "2026-03-29T01:30:00Z")); // 03:30 CEST
    assertThat(ticks(halfPast, fixed("2026-10-25T00:00:00Z"), "2026-10-25T03:00:00Z"))
        .containsExactlyElementsOf(
            instants(
                "2026-10-25T00:30:00Z", // 02:30 CEST
                "2026-10-25T01:30:00Z", // 02:30 CET
                "2026-10-25T02:30:00Z")); // 03:30 CET
  }

  @Test
  void shouldNotRerunAFixedHourWhenTheClockIsInTheSecondPass() {
    Schedule halfHourlyAtOne = parser.parse("*/30 1 * * *", "America/New_York");

    // 06:10Z is 01:10 EST, the second pass: 01:00 and 01:30 ran at 05:00Z and 05:30Z (EDT).
    assertThat(halfHourlyAtOne.next(Instant.parse("2026-11-01T06:10:00Z")))
        .contains(Instant.parse("2026-11-02T06:00:00Z"));
  }

  @Test
  void shouldRunATickInTheSkippedHourOnceAtTheTransitionInBerlin() {
    Schedule daily = parser.parse("30 2 * * *", "Europe/Berlin");

    assertThat(ticks(daily, fixed("2026-03-28T12:00:00Z"), "2026-03-30T12:00:00Z"))
        .containsExactlyElementsOf(
            instants(
                "2026-03-29T01:00:00Z", // 02:30 does not exist: runs at 03:00 CEST
                "2026-03-30T00:30:00Z")); // 02:30 CEST
  }

  @Test
  void shouldRunATickInTheRepeatedHourOnceInBerlin() {
    Schedule daily = parser.parse("30 2 * * *", "Europe/Berlin");

    assertThat(ticks(daily, fixed("2026-10-24T12:00:00Z"), "2026-10-26T12:00:00Z"))
        .containsExactlyElementsOf(
            instants(
                "2026-10-25T00:30:00Z", // 02:30 CEST; 02:30 CET (01:30Z) does not run
                "2026-10-26T01:30:00Z")); // 02:30 CET
  }

  @Test
  void shouldKeepSecondsSchedulesRegularThroughTheRepeatedHour() {
    Schedule everyTwentySeconds = parser.parse("*/20 * * * * *", "Europe/Berlin");

    // 01:00:00Z is 02:00:00 CET, the start of the second pass; 02:00:00Z is 03:00:00 CET, its end.
    assertThat(ticks(everyTwentySeconds, fixed("2026-10-25T00:59:20Z"), "2026-10-25T01:00:40Z"))
        .containsExactlyElementsOf(
            instants(
                "2026-10-25T00:59:40Z",
                "2026-10-25T01:00:00Z",
                "2026-10-25T01:00:20Z",
                "2026-10-25T01:00:40Z"));
    assertThat(ticks(everyTwentySeconds, fixed("2026-10-25T01:59:20Z"), "2026-10-25T02:00:40Z"))
        .containsExactlyElementsOf(
            instants(
                "2026-10-25T01:59:40Z",
                "2026-10-25T02:00:00Z",
                "2026-10-25T02:00:20Z",
                "2026-10-25T02:00:40Z"));
  }

  @Test
  void shouldKeepFixedIntervalsRegularAcrossAFallBack() {
    Schedule every20s = parser.parse("@every 20s", "Europe/Berlin");

    assertThat(ticks(every20s, fixed("2026-10-25T00:59:40Z"), "2026-10-25T01:00:40Z"))
        .containsExactlyElementsOf(
            instants("2026-10-25T01:00:00Z", "2026-10-25T01:00:20Z", "2026-10-25T01:00:40Z"));
  }

  @Test
  void shouldFindThePreviousTickAcrossASpringForward() {
    Schedule daily = parser.parse("30 2 * * *", "America/New_York");

    assertThat(daily.previous(Instant.parse("2026-03-08T12:00:00Z")))
        .contains(Instant.parse("2026-03-08T07:00:00Z"));
  }
}
