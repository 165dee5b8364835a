package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.devtools.DashboardApp.Answer;
import dev.errand.devtools.DashboardApp.BrowserSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The findings of the dashboard's security probe, each fixed and held here. */
class DashboardHardeningTest {

  private static final String ACTION = "/api/cron/DashCronJobs.report/disable";
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
   * The JDK server discards up to 64 KiB of an unread body by itself; past that it reset the
   * connection, and the next request sent on it failed. The dashboard reads bodies (to a bound).
   */
  @Test
  void shouldAnswerTheNextRequestOnAConnectionAfterAnActionWithABody() throws IOException {
    try (Socket socket = new Socket(dash.base.getHost(), dash.base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String body = "{\"ignored\": \"" + "x".repeat(100_000) + "\"}";
      String auth = "Authorization: Bearer " + DashboardApp.TOKEN + "\r\n";
      String host = "Host: " + dash.base.getHost() + ":" + dash.base.getPort() + "\r\n";
      out.write(
          ("POST /api/cron/DashCronJobs.report/enable HTTP/1.1\r\n"
                  + host
                  + auth
                  + "Content-Type: application/json\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
      out.write(
          ("GET /api/health HTTP/1.1\r\n" + host + auth + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(readResponse(in)).startsWith("HTTP/1.1 200").contains("\"up\"");
    }
  }

  /** The status line, headers and body of one response with a Content-Length. */
  private static String readResponse(BufferedReader in) throws IOException {
    StringBuilder text = new StringBuilder();
    int length = 0;
    String line;
    while ((line = in.readLine()) != null && !line.isEmpty()) {
      text.append(line).append('\n');
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    char[] body = new char[length];
    int read = 0;
    while (read < length) {
      int n = in.read(body, read, length - read);
      if (n < 0) {
        break;
      }
      read += n;
    }
    return text.append(body, 0, read).toString();
  }
}
