package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.devtools.DashboardApp.Answer;
import dev.errand.devtools.DashboardApp.BrowserSession;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may see the dashboard and call its actions. */
class DashboardSecurityTest {

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
  void shouldAnswer401WithoutAnyToken() {
    for (String path : new String[] {"/", "/api/health", "/api/queues", "/assets/js/main.js"}) {
      Answer answer = dash.send(dash.request(path).GET());
      assertThat(answer.status()).as(path).isEqualTo(401);
      assertThat(answer.header("WWW-Authenticate")).as(path).startsWith("Bearer");
    }
    assertThat(dash.send(dash.request("/").GET()).body()).doesNotContain("csrf-token");
  }

  @Test
  void shouldAnswer403ToAWrongBearerToken() {
    Answer answer =
        dash.send(
            dash.request("/api/health").header("Authorization", "Bearer not-the-token-at-all"));
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.tree().path("error").asText()).contains("DEVTOOLS_TOKEN");
  }

  @Test
  void shouldAnswer403ToAWrongTokenLinkAndOpenNoSession() {
    Answer answer = dash.send(dash.request("/?token=wrong-token-0123456789").GET());
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.header("Set-Cookie")).isNull();
  }

  @Test
  void shouldAnswer403ToAnUnknownSessionCookie() {
    String cookieName = "errand_devtools_" + dash.base.getPort();
    Answer answer =
        dash.send(dash.request("/api/health").header("Cookie", cookieName + "=forged").GET());
    assertThat(answer.status()).isEqualTo(403);
  }

  @Test
  void shouldTradeTheTokenLinkForAStrictHttpOnlyCookieAndRedirectItAway() {
    Answer answer = dash.send(dash.request("/?token=" + DashboardApp.TOKEN).GET());

    assertThat(answer.status()).isEqualTo(303);
    assertThat(answer.header("Location")).isEqualTo("/");
    assertThat(answer.header("Set-Cookie"))
        .startsWith("errand_devtools_" + dash.base.getPort() + "=")
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("Path=/");
    BrowserSession session = dash.login();
    Answer health = dash.send(dash.request("/api/health").header("Cookie", session.cookie()).GET());
    assertThat(health.status()).isEqualTo(200);
  }

  @Test
  void shouldServeThePageWithASessionCsrfTokenAndAStrictContentSecurityPolicy() {
    BrowserSession session = dash.login();
    Answer page = dash.send(dash.request("/").header("Cookie", session.cookie()).GET());

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).contains("<meta name=\"csrf-token\" content=\"" + session.csrf());
    assertThat(page.header("Content-Security-Policy"))
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(dash.login().csrf()).isNotEqualTo(session.csrf());
  }

  @Test
  void shouldRefuseAnActionFromASessionWithoutTheCsrfHeader() {
    BrowserSession session = dash.login();
    String path = "/api/cron/DashCronJobs.report/disable";

    Answer without =
        dash.send(
            dash.request(path)
                .header("Cookie", session.cookie())
                .POST(HttpRequest.BodyPublishers.noBody()));
    Answer wrong =
        dash.send(
            dash.request(path)
                .header("Cookie", session.cookie())
                .header("X-CSRF-Token", dash.login().csrf())
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(without.status()).isEqualTo(403);
    assertThat(without.tree().path("error").asText()).contains("X-CSRF-Token");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(dash.get("/api/cron/DashCronJobs.report").tree().path("enabled").asBoolean())
        .isTrue();
  }

  @Test
  void shouldRunAnActionFromASessionWithItsCsrfToken() {
    BrowserSession session = dash.login();
    String path = "/api/cron/DashCronJobs.broken/";

    Answer disabled =
        dash.send(
            dash.request(path + "disable")
                .header("Cookie", session.cookie())
                .header("X-CSRF-Token", session.csrf())
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(disabled.status()).isEqualTo(200);
    assertThat(disabled.tree().path("enabled").asBoolean()).isFalse();
    assertThat(dash.post(path + "enable").tree().path("enabled").asBoolean()).isTrue();
  }

  @Test
  void shouldAuditEveryActionWhetherItRanOrWasRefused() {
    BrowserSession session = dash.login();
    dash.audited.clear(); // the dashboard is shared by this class's tests
    String path = "/api/cron/DashCronJobs.report/disable";
    dash.send(
        dash.request(path)
            .header("Cookie", session.cookie())
            .POST(HttpRequest.BodyPublishers.noBody()));
    dash.post("/api/cron/DashCronJobs.report/enable");
    dash.get("/api/cron");

    assertThat(dash.audited)
        .extracting(a -> a.path() + " " + a.caller().replaceAll(":.*", "") + " " + a.status())
        .containsExactly(
            "/api/cron/DashCronJobs.report/disable session 403",
            "/api/cron/DashCronJobs.report/enable bearer 200");
    assertThat(dash.audited).allSatisfy(a -> assertThat(a.method()).isEqualTo("POST"));
  }

  @Test
  void shouldOnlyAcceptActionsAsPost() {
    Answer answer = dash.get("/api/cron/DashCronJobs.report/trigger");

    assertThat(answer.status()).isEqualTo(405);
    assertThat(answer.header("Allow")).isEqualTo("POST");
    assertThat(dash.switches.reports.get()).isZero();
  }

  @Test
  void shouldAnswer404ForUnknownPaths() {
    assertThat(dash.get("/api/nothing-here").status()).isEqualTo(404);
    assertThat(dash.get("/etc/passwd").status()).isEqualTo(404);
  }
}
