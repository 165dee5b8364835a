package dev.errand.queue;

import java.util.Map;

/** What {@link JobOptions.Builder} accepts as metadata and job ids, with errors naming the rule. */
final class OptionRules {

  /** The longest a jobId may be, in characters. */
  static final int MAX_JOB_ID_CHARS = 200;

  private OptionRules() {}

  /** Checks that {@code key} = {@code value} may join {@code current}, a job's metadata. */
  static void checkMetadata(Map<String, String> current, String key, String value) {
    if (key == null
        || key.isEmpty()
        || key.length() > JobOptions.MAX_METADATA_KEY_CHARS
        || !key.chars().allMatch(OptionRules::isKeyChar)) {
      throw new IllegalArgumentException(
          "Metadata key '"
              + key
              + "' must be 1 to "
              + JobOptions.MAX_METADATA_KEY_CHARS
              + " letters, digits, '.', '_' or '-'");
    }
    if (value == null) {
      throw new IllegalArgumentException("Metadata '" + key + "' must not be null");
    }
    if (value.length() > JobOptions.MAX_METADATA_VALUE_CHARS) {
      throw new IllegalArgumentException(
          "Metadata '"
              + key
              + "' is "
              + value.length()
              + " characters long; at most "
              + JobOptions.MAX_METADATA_VALUE_CHARS
              + " are allowed: store large data in the payload");
    }
    if (!current.containsKey(key) && current.size() == JobOptions.MAX_METADATA_ENTRIES) {
      throw new IllegalArgumentException(
          "A job carries at most "
              + JobOptions.MAX_METADATA_ENTRIES
              + " metadata entries; '"
              + key
              + "' would be one more");
    }
  }

  /** {@code jobId}, when it is one a caller may choose. */
  static String checkJobId(String jobId) {
    if (jobId == null || jobId.isBlank()) {
      throw new IllegalArgumentException("A jobId must not be blank");
    }
    if (jobId.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "jobId '" + jobId + "' is a plain number, which generated ids use: add a prefix");
    }
    if (jobId.length() > MAX_JOB_ID_CHARS) {
      throw new IllegalArgumentException(
          "A jobId must be at most " + MAX_JOB_ID_CHARS + " characters");
    }
    return jobId;
  }

  private static boolean isKeyChar(int c) {
    return (c < 128 && Character.isLetterOrDigit(c)) || c == '.' || c == '_' || c == '-';
  }
}
