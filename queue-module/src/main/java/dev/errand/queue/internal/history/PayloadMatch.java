package dev.errand.queue.internal.history;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobSearch;
import dev.errand.queue.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A payload search that looks at jobs one by one (memory, Redis): counts what it looked at and
 * keeps the jobs whose payload contains the text, ignoring case, up to the limit.
 */
public final class PayloadMatch {

  /** The states a search without one looks through, in this order. */
  private static final List<JobState> ALL =
      List.of(
          JobState.ACTIVE,
          JobState.WAITING,
          JobState.DELAYED,
          JobState.FAILED,
          JobState.DEAD,
          JobState.COMPLETED);

  private final String needle;
  private final int limit;
  private final List<JobInfo> found = new ArrayList<>();
  private long scanned;

  public PayloadMatch(String text, int limit) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("A payload search needs a text to look for");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("A payload search's limit is 1 or more, got " + limit);
    }
    this.needle = text.toLowerCase(Locale.ROOT);
    this.limit = limit;
  }

  /** {@code state} alone, or every state for null. */
  public static List<JobState> states(JobState state) {
    return state == null ? ALL : List.of(state);
  }

  /**
   * Looks at one job's payload; {@code info} builds the job when it matches.
   *
   * @return false once the limit is reached: stop looking
   */
  public boolean offer(String payload, Supplier<JobInfo> info) {
    scanned++;
    return matches(payload) ? add(info) : found.size() < limit;
  }

  /** Whether {@code payload} contains the text, ignoring case; null (no payload) never does. */
  public boolean matches(String payload) {
    return payload != null && payload.toLowerCase(Locale.ROOT).contains(needle);
  }

  /**
   * Counts jobs looked at elsewhere (a Redis script) without offering them; the matches among them
   * go to {@link #add}.
   */
  public void looked(long jobs) {
    scanned += jobs;
  }

  /**
   * Keeps a job known to match, which {@code info} builds.
   *
   * @return false once the limit is reached: stop looking
   */
  public boolean add(Supplier<JobInfo> info) {
    JobInfo job = info.get();
    if (job != null) {
      // Null when the job was deleted since its payload was read.
      found.add(job);
    }
    return found.size() < limit;
  }

  /** The text looked for, lower-cased with {@link Locale#ROOT}. */
  public String needle() {
    return needle;
  }

  /** How many more matches the limit takes. */
  public int wanted() {
    return limit - found.size();
  }

  public long scanned() {
    return scanned;
  }

  public int found() {
    return found.size();
  }

  /** What was found; {@code complete} when every job of the states was looked at. */
  public JobSearch result(boolean complete) {
    return new JobSearch(found, scanned, complete);
  }
}
