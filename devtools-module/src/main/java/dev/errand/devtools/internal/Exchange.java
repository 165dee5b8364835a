package dev.errand.devtools.internal;

import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** One request to the dashboard and the means to answer it, once. */
record Exchange(Request request, Response response, Callback callback) {

  String method() {
    return request.getMethod();
  }

  /** The path as sent, still percent-encoded. */
  String rawPath() {
    String path = request.getHttpURI().getPath();
    return path == null ? "" : path;
  }

  /** The query string as sent, or null. */
  String rawQuery() {
    return request.getHttpURI().getQuery();
  }

  /** The first value of a request header, or null. */
  String header(String name) {
    return request.getHeaders().get(name);
  }

  /** Every value of a request header (empty when it is absent). */
  List<String> headers(String name) {
    return request.getHeaders().getValuesList(name);
  }

  HttpFields.Mutable responseHeaders() {
    return response.getHeaders();
  }

  /**
   * Answers with a status, a content type (none when null) and a body, which completes the
   * exchange.
   */
  void send(int status, String contentType, byte[] body) {
    response.setStatus(status);
    if (contentType != null) {
      response.getHeaders().put("Content-Type", contentType);
    }
    response.getHeaders().put("Content-Length", body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
