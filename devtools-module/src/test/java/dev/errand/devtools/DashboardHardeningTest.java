package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.devtools.DashboardApp.Answer;
import dev.errand.devtools.DashboardApp.BrowserSession;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The findings of the dashboard's security probe, each fixed and held here. */
class DashboardHardeningTest {

  private static final String ACTION = "/api/cron/DashCronJobs.report/disable";

  /** Put in every request where it could be echoed back: no reply may contain it. */
  private static final String MARK = "zq7mark";

  private static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "X-Content-Type-Options", "nosniff",
          "X-Frame-Options", "DENY",
          "Referrer-Policy", "no-referrer",
          "Cache-Control", "no-store");
  private static DashboardApp dash;

  @BeforeAll
  static void start() {
    dash = new DashboardApp();
  }

  @AfterAll
  static void stop() {
    dash.close();
  }

  @Test
  void shouldAuditActionsRefusedForMissingOrWrongCredentials() {
    dash.audited.clear();
    Answer none = dash.send(dash.request(ACTION).POST(HttpRequest.BodyPublishers.noBody()));
    Answer guessed =
        dash.send(
            dash.request(ACTION)
                .header("Authorization", "Bearer guess-0123456789")
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(none.status()).isEqualTo(401);
    assertThat(guessed.status()).isEqualTo(403);
    assertThat(dash.audited)
        .extracting(a -> a.method() + " " + a.path() + " " + a.caller() + " " + a.status())
        .containsExactly(
            "POST " + ACTION + " unauthenticated 401", "POST " + ACTION + " unauthenticated 403");
    assertThat(dash.get("/api/cron/DashCronJobs.report").tree().path("enabled").asBoolean())
        .isTrue();
  }

  @Test
  void shouldRefuseAnActionFromAnotherOriginEvenWithTheCsrfToken() {
    BrowserSession session = dash.login();
    Answer foreign =
        dash.send(
            dash.request(ACTION)
                .header("Cookie", session.cookie())
                .header("X-CSRF-Token", session.csrf())
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody()));
    Answer own =
        dash.send(
            dash.request("/api/cron/DashCronJobs.report/enable")
                .header("Cookie", session.cookie())
                .header("X-CSRF-Token", session.csrf())
                .header("Origin", "http://" + dash.base.getHost() + ":" + dash.base.getPort())
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(foreign.status()).isEqualTo(403);
    assertThat(foreign.tree().path("error").asText()).contains("Origin");
    assertThat(own.status()).isEqualTo(200);
    assertThat(dash.get("/api/cron/DashCronJobs.report").tree().path("enabled").asBoolean())
        .isTrue();
  }

  /**
   * The JDK server the dashboard ran on before discarded up to 64 KiB of an unread body by itself;
   * past that it reset the connection, and the next request sent on it failed. The dashboard reads
   * bodies (to a bound).
   */
  @Test
  void shouldAnswerTheNextRequestOnAConnectionAfterAnActionWithABody() throws IOException {
    try (RawConnection connection = new RawConnection(dash.base)) {
      String body = "{\"ignored\": \"" + "x".repeat(100_000) + "\"}";
      String auth = "Authorization: Bearer " + DashboardApp.TOKEN + "\r\n";
      String host = "Host: " + dash.base.getHost() + ":" + dash.base.getPort() + "\r\n";
      connection.write(
          "POST /api/cron/DashCronJobs.report/enable HTTP/1.1\r\n"
              + host
              + auth
              + "Content-Type: application/json\r\nContent-Length: "
              + body.length()
              + "\r\n\r\n"
              + body);
      assertThat(connection.read().statusLine()).startsWith("HTTP/1.1 200");
      connection.write("GET /api/health HTTP/1.1\r\n" + host + auth + "\r\n");
      RawConnection.Reply health = connection.read();
      assertThat(health.statusLine()).startsWith("HTTP/1.1 200");
      assertThat(health.body()).contains("\"up\"");
    }
  }

  /** A body over the bound is refused unread, and its connection closed rather than drained. */
  @Test
  void shouldRefuseABodyOverTheLimitAndCloseItsConnection() throws IOException {
    try (RawConnection connection = new RawConnection(dash.base)) {
      int length = 300 * 1024;
      connection.write(
          "POST /api/queues/dash/bulk/retry HTTP/1.1\r\nHost: "
              + dash.base.getHost()
              + "\r\nAuthorization: Bearer "
              + DashboardApp.TOKEN
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + length
              + "\r\n\r\n"
              + "x".repeat(length));
      RawConnection.Reply reply = connection.read();

      assertThat(reply.statusLine()).startsWith("HTTP/1.1 413");
      assertThat(reply.header("Connection")).isEqualTo("close");
      assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(connection.atEnd()).isTrue();
    }
  }

  /**
   * Requests the HTTP server refuses before any handler sees them: their replies carry the same
   * security headers as the dashboard's own, and are plain text that repeats nothing of the
   * request.
   */
  static Stream<Arguments> malformed() {
    String host = "Host: " + MARK + "\r\n";
    return Stream.of(
        Arguments.of("bad request line", "GET /" + MARK + " HTTP/1.1 " + MARK + "\r\n" + host),
        Arguments.of(
            "header without colon", "GET /" + MARK + " HTTP/1.1\r\n" + host + MARK + "<b>\r\n"),
        Arguments.of(
            "huge header",
            "GET /"
                + MARK
                + " HTTP/1.1\r\n"
                + host
                + "X-"
                + MARK
                + ": "
                + "a".repeat(33 * 1024)
                + "\r\n"),
        Arguments.of("HTTP/0.9-like line", "GET /" + MARK + "<script>\r\n"),
        Arguments.of("unsupported version", "GET /" + MARK + " HTTP/7.3\r\n" + host),
        Arguments.of("bad URI encoding", "GET /" + MARK + "%zz%<b> HTTP/1.1\r\n" + host),
        Arguments.of(
            "control character in a header",
            "GET / HTTP/1.1\r\n" + host + "X-" + MARK + ": a\u0001" + MARK + "\r\n"),
        Arguments.of("no Host", "GET /" + MARK + " HTTP/1.1\r\n"),
        Arguments.of(
            "unknown method", "BR" + MARK.toUpperCase() + " /" + MARK + " HTTP/1.1\r\n" + host));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void shouldAnswerWithTheSecurityHeadersAndNoEcho(String kind, String request) throws IOException {
    RawConnection.Reply reply;
    try (RawConnection connection = new RawConnection(dash.base)) {
      connection.write(request + "\r\n");
      reply = connection.read();
    }

    // Refused: a client error, or 505 for a version the server does not speak.
    assertThat(reply.statusLine()).as(kind).matches("HTTP/1\\.[01] (4\\d\\d|505) .*");
    SECURITY_HEADERS.forEach(
        (name, value) -> assertThat(reply.header(name)).as(kind + ": " + name).isEqualTo(value));
    assertThat(reply.header("Content-Security-Policy"))
        .as(kind)
        .contains("default-src 'none'")
        .contains("frame-ancestors 'none'");
    assertThat(reply.header("Content-Type")).as(kind).startsWith("text/plain");
    assertThat(reply.whole().toLowerCase()).as(kind).doesNotContain(MARK.toLowerCase());
  }
}
