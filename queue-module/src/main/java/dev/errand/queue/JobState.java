package dev.errand.queue;

import java.util.Locale;

/** Where a job is in its life. */
public enum JobState {
  /** Ready to run; higher priority first, then in the order added. */
  WAITING,
  /** Waiting for its run time: added with a delay, or waiting for a retry. */
  DELAYED,
  /** Leased to a worker and running. */
  ACTIVE,
  /** Finished successfully. */
  COMPLETED,
  /** Failed for good without using its attempts: an unrecoverable error or an unusable payload. */
  FAILED,
  /** In the dead-letter list: its last attempt failed, or it stalled too often. */
  DEAD;

  /** The lower-case name used in storage and messages. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state named by {@link #code()}. */
  public static JobState ofCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
