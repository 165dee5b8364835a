package dev.errand.core.internal;

import io.lettuce.core.AbstractRedisClient;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a lettuce client without letting a hung close hold up whoever stops the application:
 * lettuce's own {@code shutdown()} waits for its close without a bound, and a cluster client whose
 * topology refresh is under way as it closes can wait for ever (lettuce issues 1768 and 2278; seen
 * here as a test's teardown that never ended). The close goes on in lettuce's threads; this only
 * stops waiting for it.
 */
public final class ClientShutdown {

  private static final Logger log = LoggerFactory.getLogger(ClientShutdown.class);

  /** How long a close may take: lettuce's two-second grace for its threads, and some more. */
  public static final Duration WAIT = Duration.ofSeconds(5);

  private ClientShutdown() {}

  /** Closes {@code client}, waiting up to {@code wait}; {@code what} names it in the log. */
  public static void close(AbstractRedisClient client, String what, Duration wait) {
    try {
      client.shutdownAsync(0, 2, TimeUnit.SECONDS).get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn(
          "Closing the Redis client of {} did not end within {} ms; the application goes on"
              + " stopping and leaves it to finish on its own",
          what,
          wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      log.warn("Closing the Redis client of {} failed", what, e.getCause());
    }
  }
}
