package dev.errand.devtools.internal;

import dev.errand.devtools.internal.security.SecurityHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The server's own error replies: to requests it could not parse (a bad request line, a header
 * without a colon or over the size limit, a bad URI, an unknown version) and to failures no handler
 * answered. They carry the dashboard's security headers and are plain text naming only the status:
 * Jetty's messages can quote the request (an illegal character, a URI), and nothing a client sent
 * is echoed back.
 */
final class PlainErrors implements Request.Handler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    SecurityHeaders.apply(response.getHeaders());
    byte[] body =
        (status + " " + HttpStatus.getMessage(status) + "\n").getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
    response.getHeaders().put("Content-Length", body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  @Override
  public InvocationType getInvocationType() {
    return InvocationType.NON_BLOCKING;
  }
}
