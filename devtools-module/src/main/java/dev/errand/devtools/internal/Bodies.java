package dev.errand.devtools.internal;

import dev.errand.devtools.internal.http.ApiException;
import java.io.IOException;
import org.eclipse.jetty.io.Content;

/** Reads request bodies, which the dashboard bounds: its largest is a list of job ids. */
final class Bodies {

  /** The largest body read; a longer one is refused and its connection closed. */
  static final int LIMIT = 256 * 1024;

  private Bodies() {}

  /**
   * The whole body. A body over {@link #LIMIT} is answered with 413 and the connection is closed
   * instead of being read to its end.
   */
  static byte[] read(Exchange exchange) throws IOException {
    // Not closed: closing the stream before the end would fail the request's content, and Jetty
    // releases it when the exchange completes.
    byte[] body = Content.Source.asInputStream(exchange.request()).readNBytes(LIMIT + 1);
    if (body.length > LIMIT) {
      exchange.responseHeaders().put("Connection", "close");
      throw new ApiException(
          413, "The request body is over " + LIMIT + " bytes; the dashboard takes no more");
    }
    return body;
  }
}
