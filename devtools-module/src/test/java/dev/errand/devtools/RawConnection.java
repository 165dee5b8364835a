package dev.errand.devtools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain socket to the dashboard, for requests no HTTP client would send (malformed ones, or
 * several on one kept-alive connection) and for reading the replies byte for byte.
 */
final class RawConnection implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawConnection(URI base) throws IOException {
    socket = new Socket(base.getHost(), base.getPort());
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Sends the bytes of a request (or of what claims to be one) as they are. */
  void write(String request) throws IOException {
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /**
   * Reads one reply: its head, then the body its Content-Length gives, or everything up to the end
   * of the stream when the reply has no length.
   */
  Reply read() throws IOException {
    List<String> head = new ArrayList<>();
    String line;
    while ((line = readLine()) != null && !line.isEmpty()) {
      head.add(line);
    }
    if (head.isEmpty()) {
      throw new IOException("the server closed the connection without a reply");
    }
    Reply partial = new Reply(head, "");
    String length = partial.header("Content-Length");
    byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
    return new Reply(head, new String(body, StandardCharsets.ISO_8859_1));
  }

  /**
   * Whether the server closed the connection: the stream ends, or is reset by a server that closed
   * it with bytes of the request still unread.
   */
  boolean atEnd() throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketException e) {
      return true;
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** A reply as received: its status line and header lines, and its body. */
  record Reply(List<String> head, String body) {

    String statusLine() {
      return head.getFirst();
    }

    /** The first value of a header, by case-insensitive name, or null. */
    String header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return head.stream()
          .skip(1)
          .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(h -> h.substring(prefix.length()).strip())
          .findFirst()
          .orElse(null);
    }

    /** Everything received, head and body, as one text. */
    String whole() {
      return String.join("\n", head) + "\n\n" + body;
    }
  }
}
