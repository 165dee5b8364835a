package dev.errand.queue;

import java.util.regex.Pattern;

/** The one rule for queue names, shared by every entry point. */
final class QueueNames {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private QueueNames() {}

  static String check(String queue) {
    if (queue == null || !VALID.matcher(queue).matches()) {
      throw new IllegalArgumentException(
          "Queue name '"
              + queue
              + "' is not allowed: use 1 to 100 letters, digits, '.', '_' or '-'");
    }
    return queue;
  }
}
