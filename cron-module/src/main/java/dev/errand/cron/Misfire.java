package dev.errand.cron;

/** What a runtime schedule does with ticks that passed while no instance was ticking. */
public enum Misfire {
  /** Missed ticks are dropped; the schedule goes on from its next tick (the default). */
  SKIP,
  /** The latest missed tick is enqueued once; the others are dropped. Never a burst. */
  RUN_LATEST
}
