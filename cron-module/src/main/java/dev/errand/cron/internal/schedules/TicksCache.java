package dev.errand.cron.internal.schedules;

import dev.errand.cron.Recurrence;
import dev.errand.cron.internal.ScheduleParser;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsed recurrences by value. Parsing a cron expression costs far more than computing its next
 * tick, and many schedules share a recurrence ("every Monday at 09:00 in Berlin"), so the ticker
 * parses each distinct one once, keeping the most recently used.
 */
final class TicksCache {

  private static final int CAPACITY = 10_000;

  private final ScheduleParser parser;
  private final Map<Recurrence, Ticks> parsed =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Recurrence, Ticks> eldest) {
          return size() > CAPACITY;
        }
      };

  TicksCache(ScheduleParser parser) {
    this.parser = parser;
  }

  /**
   * @throws IllegalArgumentException when the expression or zone does not parse
   */
  synchronized Ticks of(Recurrence when) {
    Ticks ticks = parsed.get(when);
    if (ticks == null) {
      ticks = Ticks.of(when, parser);
      parsed.put(when, ticks);
    }
    return ticks;
  }
}
