package dev.errand.tck.queue;

/**
 * A test payload whose fields tell {@link ContractProcessor} how to behave.
 *
 * @param key names the job in the recorder
 * @param failUntilAttempt throw on every attempt before this one
 * @param failUnlessHealed throw until the recorder is healed
 * @param unrecoverable throw an unrecoverable error
 * @param sleepMillis sleep this long (interruptibly)
 * @param gate wait for the recorder's gate to open
 * @param stubborn sleep {@code sleepMillis} ignoring interruption
 */
public record Work(
    String key,
    int failUntilAttempt,
    boolean failUnlessHealed,
    boolean unrecoverable,
    long sleepMillis,
    boolean gate,
    boolean stubborn) {

  public static Work plain(String key) {
    return new Work(key, 0, false, false, 0, false, false);
  }

  public static Work failingUntil(String key, int attempt) {
    return new Work(key, attempt, false, false, 0, false, false);
  }

  public static Work failingUnlessHealed(String key) {
    return new Work(key, 0, true, false, 0, false, false);
  }

  public static Work unrecoverable(String key) {
    return new Work(key, 0, false, true, 0, false, false);
  }

  public static Work sleeping(String key, long millis) {
    return new Work(key, 0, false, false, millis, false, false);
  }

  public static Work stubborn(String key, long millis) {
    return new Work(key, 0, false, false, millis, false, true);
  }

  public static Work gated(String key) {
    return new Work(key, 0, false, false, 0, true, false);
  }
}
