package dev.errand.mailer.internal.http;

import java.time.Duration;

/** Waits between retries; tests pass one that records the delays instead of waiting. */
@FunctionalInterface
public interface Sleeper {

  /** The real thing: {@link Thread#sleep(Duration)}. */
  Sleeper THREAD = Thread::sleep;

  void sleep(Duration duration) throws InterruptedException;
}
