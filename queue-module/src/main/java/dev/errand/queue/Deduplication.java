package dev.errand.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * Drops or merges adds that carry the same key, within a window or while a job is unfinished. Set
 * with {@link JobOptions.Builder#deduplicate}:
 *
 * <pre>{@code
 * // at most one reindex of a tenant a minute; later adds in the minute return the first job's id
 * JobOptions.builder().deduplicate(Deduplication.throttle("reindex:" + tenant, Duration.ofMinutes(1)))
 * // a burst of edits runs one sync, with the last edit's payload, 5 s after the burst ends
 * JobOptions.builder().deduplicate(Deduplication.debounce("sync:" + doc, Duration.ofSeconds(5)))
 * // one import per account at a time, however often it is asked for
 * JobOptions.builder().deduplicate(Deduplication.whileUnfinished("import:" + account))
 * }</pre>
 *
 * <p>An add that is deduplicated stores nothing new and returns the id of the job that stands for
 * it; subscribers of {@link QueueEvents} hear a {@link JobEvent.Type#DEDUPLICATED} event naming
 * that job, with the key as its data. Keys belong to one queue.
 *
 * @param key what makes adds duplicates of each other: 1 to {@value #MAX_KEY_CHARS} letters,
 *     digits, '.', '_', ':' or '-'
 * @param mode how duplicates are treated
 * @param window how long after the standing job's add (throttle) or the latest add (debounce)
 *     duplicates are caught, from 1 ms to {@link #MAX_WINDOW}; null for {@link
 *     Mode#WHILE_UNFINISHED}
 */
public record Deduplication(String key, Mode mode, Duration window) {

  /** The longest key, in characters. */
  public static final int MAX_KEY_CHARS = 200;

  /** The longest window. */
  public static final Duration MAX_WINDOW = Duration.ofDays(30);

  /** How duplicates are treated. */
  public enum Mode {
    /** An add within the window of the first adds nothing and returns the first job's id. */
    THROTTLE,
    /**
     * The job runs once the window has passed with no further add of its key; an add within the
     * window, while the job has not started, replaces its payload and options and restarts the
     * window, so only the last one runs.
     */
    DEBOUNCE,
    /** An add while the first job is waiting, delayed or active adds nothing. */
    WHILE_UNFINISHED
  }

  public Deduplication {
    Objects.requireNonNull(mode, "mode");
    if (key == null
        || key.isEmpty()
        || key.length() > MAX_KEY_CHARS
        || !key.chars().allMatch(Deduplication::isKeyChar)) {
      throw new IllegalArgumentException(
          "Deduplication key '"
              + key
              + "' must be 1 to "
              + MAX_KEY_CHARS
              + " letters, digits, '.', '_', ':' or '-'");
    }
    if (mode == Mode.WHILE_UNFINISHED) {
      if (window != null) {
        throw new IllegalArgumentException(
            "Deduplication while unfinished has no window; got " + window);
      }
    } else if (window == null || window.toMillis() < 1 || window.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "A "
              + mode.name().toLowerCase(java.util.Locale.ROOT)
              + " window must be from 1 ms to "
              + MAX_WINDOW.toDays()
              + " days, not "
              + window);
    }
  }

  /** Adds of {@code key} within {@code window} of the first add nothing. */
  public static Deduplication throttle(String key, Duration window) {
    return new Deduplication(key, Mode.THROTTLE, window);
  }

  /** The job runs {@code window} after the last add of {@code key}, with that add's payload. */
  public static Deduplication debounce(String key, Duration window) {
    return new Deduplication(key, Mode.DEBOUNCE, window);
  }

  /** Adds of {@code key} add nothing while its job is waiting, delayed or active. */
  public static Deduplication whileUnfinished(String key) {
    return new Deduplication(key, Mode.WHILE_UNFINISHED, null);
  }

  private static boolean isKeyChar(int c) {
    return (c < 128 && Character.isLetterOrDigit(c))
        || c == '.'
        || c == '_'
        || c == ':'
        || c == '-';
  }
}
