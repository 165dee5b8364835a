package dev.errand.queue.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces a worker thread's attempts while the backend is unreachable: waits a little longer after
 * each failure, up to two seconds, and logs the first failure of a run and the recovery.
 */
final class RetryPause {

  private static final Logger log = LoggerFactory.getLogger(RetryPause.class);

  private int failures;

  void reset() {
    if (failures > 0) {
      log.info("Backend reachable again after {} failed attempt(s)", failures);
    }
    failures = 0;
  }

  void failed(String what, RuntimeException e) {
    failures++;
    if (failures == 1) {
      log.warn("Could not {}: {}; retrying", what, e.toString());
    } else {
      log.debug("Could not {} ({} times): {}", what, failures, e.toString());
    }
    try {
      Thread.sleep(Math.min(2000, 50L << Math.min(failures, 6)));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
