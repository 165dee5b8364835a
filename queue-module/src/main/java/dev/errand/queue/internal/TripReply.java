package dev.errand.queue.internal;

import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.Fetched;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * A round trip of the {@link Acknowledger} that came back: what it carried, and its reply or
 * failure.
 *
 * @param batch the outcomes it reported
 * @param extra the free lease permits it took to refill
 * @param prefetch the jobs it asked for ahead
 * @param result the backend's reply, or null when the trip failed
 * @param error why the trip failed, or null
 */
record TripReply(List<Ack> batch, int extra, int prefetch, Fetched result, Throwable error) {

  /** Why the trip failed, without the wrapper a completed future may add. */
  Throwable cause() {
    return error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
  }
}
