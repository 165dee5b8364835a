package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.devtools.fixtures.DashProcessor;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdmin;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real application and one headless Chromium, logged in, for all tests of a browser test class;
 * after each test the page logged no error and shows no markup that came from data.
 */
abstract class BrowserTestBase {

  static final String XSS = "<img src=x onerror=alert(1)>";
  static final String Q = DashProcessor.QUEUE;

  @TempDir static Path profile;

  static DashboardApp dash;
  static Browser browser;

  @BeforeAll
  static void start() {
    dash =
        new DashboardApp(
            Map.of("ERRAND_APP_NAME", "billing" + XSS, "JOBS_HEARTBEAT_INTERVAL", "1s"),
            "reports-outbox");
    browser = new Browser(profile);
    browser.open(dash.base + "?token=" + DashboardApp.TOKEN);
    assertThat(browser.driver.getCurrentUrl()).doesNotContain("token");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (dash != null) {
      dash.close();
    }
  }

  @AfterEach
  void noConsoleErrorsNorInjectedMarkup() {
    assertThat(browser.consoleErrors()).as("errors in the browser console").isEmpty();
    assertThat(browser.all("img")).as("markup from data").isEmpty();
  }

  static void go(String hash) {
    browser.open(dash.base + hash);
  }

  static QueueAdmin admin() {
    return dash.app.get(QueueAdmin.class);
  }

  static JobState state(String id) {
    return admin().job(Q, id).orElseThrow().state();
  }
}
