package dev.errand.postgres.internal;

import dev.errand.queue.JobState;
import dev.errand.queue.Retention;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often this process's acknowledgements apply each retention rule (a queue, a finished state
 * and a {@link Retention}): trimming after every acknowledgement cost each one a statement, one
 * that with the default of 1000 jobs kept steps over 1000 index entries. A rule is applied by the
 * first acknowledgement under it, then once a tenth of its count (at most {@value #MOST_JOBS}) has
 * finished under it since, or a tenth of its age (at most {@value #MOST_MILLIS} ms) has passed. So
 * a table holds at most a tenth more than a count rule keeps (plus {@value #MOST_JOBS} per process
 * acknowledging), and a job outlives an age rule by at most a tenth of it (or {@value #MOST_MILLIS}
 * ms); a rule keeping fewer than 20 jobs is applied by every acknowledgement, as before. A trim
 * that deleted a whole batch is applied again by the next acknowledgement.
 */
final class PgRetentionPace {

  static final long MOST_JOBS = 100;
  static final long MOST_MILLIS = 1_000;

  /**
   * Rules remembered at most: jobs may each carry a retention of their own, so the rules are not a
   * fixed few. Past this many the pace starts over, which only makes the next trims come sooner.
   */
  static final int MOST_RULES = 1_000;

  private record Rule(String queue, JobState state, Retention retention) {}

  /** Jobs finished under a rule since it was last applied, and when that was. */
  private record Since(long jobs, long at) {}

  private static final Since NEVER = new Since(Long.MAX_VALUE / 2, Long.MIN_VALUE / 2);

  private final Map<Rule, Since> since = new ConcurrentHashMap<>();

  /**
   * Counts {@code jobs} finished at {@code now} under the rule; true when this acknowledgement
   * should apply it, which then counts as applied.
   */
  boolean due(String queue, JobState state, Retention retention, int jobs, long now) {
    Rule rule = new Rule(queue, state, retention);
    if (since.size() >= MOST_RULES && !since.containsKey(rule)) {
      since.clear();
    }
    boolean[] due = {false};
    since.compute(
        rule,
        (r, last) -> {
          Since counted = last == null ? NEVER : new Since(last.jobs() + jobs, last.at());
          if (reached(retention, counted, now)) {
            due[0] = true;
            return new Since(0, now);
          }
          return counted;
        });
    return due[0];
  }

  /** How many rules this pace remembers. */
  int rules() {
    return since.size();
  }

  /** The rule's trim deleted a whole batch: there may be more, for the next acknowledgement. */
  void again(String queue, JobState state, Retention retention) {
    since.put(new Rule(queue, state, retention), NEVER);
  }

  private static boolean reached(Retention retention, Since counted, long now) {
    if (retention.maxCount() >= 0
        && counted.jobs() >= Math.min(MOST_JOBS, Math.max(1, retention.maxCount() / 10))) {
      return true;
    }
    if (retention.maxAge() != null) {
      long every = Math.min(MOST_MILLIS, retention.maxAge().toMillis() / 10);
      return now - counted.at() >= every;
    }
    return false;
  }
}
