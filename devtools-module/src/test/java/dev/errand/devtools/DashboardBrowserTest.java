package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.devtools.fixtures.DashProcessor;
import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueCounts;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The dashboard in headless Chromium: the page shows a seeded queue, retries a failed job and
 * triggers a cron job, and shows job data as text. Leaves a screenshot at target/dashboard.png.
 */
class DashboardBrowserTest {

  private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  private static final String XSS = "<img src=x onerror=alert(1)>";
  private static final String Q = DashProcessor.QUEUE;

  @TempDir Path profile;

  private DashboardApp dash;
  private WebDriver browser;

  @BeforeEach
  void start() {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as(
            "The browser test needs Chromium and its driver at %s and %s; install them with: "
                + "apt-get update && apt-get install -y chromium chromium-driver",
            CHROMIUM, CHROMEDRIVER)
        .isTrue();
    dash = new DashboardApp(Map.of(), "reports-outbox");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=1500,1700");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (dash != null) {
      dash.close();
    }
  }

  @Test
  void shouldShowRetryAndTriggerFromTheDashboard() throws IOException {
    String failed = seed();

    browser.get(dash.base + "?token=" + DashboardApp.TOKEN);

    assertThat(browser.getCurrentUrl()).doesNotContain("token");
    awaitText("#queues-table tr[data-key='" + Q + "'] td[data-col='completed']", "3");
    awaitText("#queues-table tr[data-key='" + Q + "'] td[data-col='failed']", "1");
    awaitText("#queues-table tr[data-key='reports-outbox'] td[data-col='waiting']", "7");
    awaitText("#health-table tr[data-key='QueueAdapter'] td[data-col='status']", "up");

    // Open the queue: the failed job's markup-laden failure shows as text.
    click("#queues-table tr[data-key='" + Q + "'] td[data-col='name']");
    String failedRow = "#jobs-table tr[data-key='" + failed + "']";
    awaitText(failedRow + " td[data-col='failure']", "UnrecoverableJobException: refused " + XSS);
    click(failedRow + " td[data-col='id']");
    awaitText("#detail-blocks pre[data-block='payload']", "{\n  \"note\": \"" + XSS + "\"\n}");
    assertThat(browser.findElements(By.tagName("img"))).isEmpty();

    // Retry it: it completes once the handler stops failing.
    dash.switches.failing.set(false);
    click(failedRow + " button[data-action='retry']");
    awaitText("#queues-table tr[data-key='" + Q + "'] td[data-col='completed']", "4");
    awaitText("#queues-table tr[data-key='" + Q + "'] td[data-col='failed']", "0");
    awaitText("#detail-fields", "completed");

    // Trigger a cron job and watch its run appear in its history.
    String report = "#cron-table tr[data-key='DashCronJobs.report']";
    click(report + " td[data-col='id']");
    awaitText("#history-table tbody", "No runs recorded yet.");
    click(report + " button[data-action='trigger']");
    awaitText("#history-table tbody tr td[data-col='status']", "success");
    awaitText(report + " td[data-col='status']", "success");
    assertThat(dash.switches.reports.get()).isEqualTo(1);
    assertThat(find(report + " td[data-col='id']").getText()).contains("Yearly <b>report</b>");
    assertThat(browser.findElements(By.cssSelector("#cron-table b"))).isEmpty();

    // Pause the queue nobody consumes here; the badge follows.
    String outbox = "#queues-table tr[data-key='reports-outbox']";
    awaitText(outbox + " td[data-col='paused']", "running");
    click(outbox + " button[data-action='pause']");
    awaitText(outbox + " td[data-col='paused']", "paused");
    assertThat(find(outbox + " button[data-action='resume']").isEnabled()).isTrue();

    // The completed jobs, for the screenshot: the tabs switch the table without a reload.
    click("#state-tabs button[data-state='completed']");
    awaitText("#page-info", "1–4 of 4 completed");
    assertThat(browser.findElements(By.cssSelector("#jobs-table tbody tr"))).hasSize(4);
    saveScreenshot();
    List<LogEntry> errors =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .toList();
    assertThat(errors).as("errors in the browser console").isEmpty();
  }

  /** Three completed jobs, one failed job with markup in its payload, waiting and delayed ones. */
  private String seed() {
    dash.switches.failing.set(false);
    for (int i = 1; i <= 3; i++) {
      dash.queue().add(Q, "echo", Map.of("n", i));
    }
    await().atMost(10, TimeUnit.SECONDS).until(() -> counts().completed() == 3);
    dash.switches.failing.set(true);
    String failed = dash.queue().add(Q, "flaky", Map.of("note", XSS));
    await().atMost(10, TimeUnit.SECONDS).until(() -> counts().failed() == 1);
    dash.queue()
        .add(Q, "echo", Map.of("n", 4), JobOptions.builder().delay(Duration.ofHours(2)).build());
    for (int i = 1; i <= 7; i++) {
      dash.queue().add("reports-outbox", "render-report", Map.of("report", i));
    }
    return failed;
  }

  private QueueCounts counts() {
    return dash.app.get(QueueAdmin.class).counts(Q);
  }

  /** Clicks an element, finding it again if a refresh replaced it in between. */
  private void click(String css) {
    await()
        .atMost(10, TimeUnit.SECONDS)
        .ignoreExceptionsMatching(
            e -> e instanceof StaleElementReferenceException || e instanceof NoSuchElementException)
        .untilAsserted(() -> browser.findElement(By.cssSelector(css)).click());
  }

  private WebElement find(String css) {
    return await()
        .atMost(10, TimeUnit.SECONDS)
        .ignoreExceptions()
        .until(() -> browser.findElement(By.cssSelector(css)), element -> element != null);
  }

  private void awaitText(String css, String expected) {
    await()
        .atMost(15, TimeUnit.SECONDS)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(browser.findElement(By.cssSelector(css)).getText()).contains(expected));
  }

  private void saveScreenshot() throws IOException {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Path target = Paths.get("target", "dashboard.png");
    Files.createDirectories(target.getParent());
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }
}
