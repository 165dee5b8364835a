package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium (the system's, with its driver) driving the dashboard, with the waits the
 * browser tests share. Screenshots go to target/, or to the folder named by the system property
 * {@code dashboard.screenshots} (the README's pictures: {@code -Ddashboard.screenshots=../docs}).
 */
final class Browser implements AutoCloseable {

  private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

  final WebDriver driver;

  Browser(Path profile) {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as(
            "The browser test needs Chromium and its driver at %s and %s; install them with: "
                + "apt-get update && apt-get install -y chromium chromium-driver",
            CHROMIUM, CHROMEDRIVER)
        .isTrue();
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
        "--window-size=1440,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
  }

  void open(String url) {
    driver.get(url);
  }

  /** Clicks an element, finding it again if a refresh replaced it in between. */
  void click(String css) {
    await()
        .atMost(10, TimeUnit.SECONDS)
        .ignoreExceptionsMatching(
            e -> e instanceof StaleElementReferenceException || e instanceof NoSuchElementException)
        .untilAsserted(() -> driver.findElement(By.cssSelector(css)).click());
  }

  /** Accepts (or dismisses) the confirmation the last click opened, and returns its text. */
  String confirm(boolean accept) {
    var alert =
        await()
            .atMost(5, TimeUnit.SECONDS)
            .ignoreExceptions()
            .until(() -> driver.switchTo().alert(), a -> a != null);
    String text = alert.getText();
    if (accept) {
      alert.accept();
    } else {
      alert.dismiss();
    }
    return text;
  }

  WebElement find(String css) {
    return await()
        .atMost(10, TimeUnit.SECONDS)
        .ignoreExceptions()
        .until(() -> driver.findElement(By.cssSelector(css)), element -> element != null);
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  void awaitText(String css, String expected) {
    await()
        .atMost(15, TimeUnit.SECONDS)
        .ignoreExceptions()
        .untilAsserted(
            () -> assertThat(driver.findElement(By.cssSelector(css)).getText()).contains(expected));
  }

  /** Errors the page logged to the console since the last call. */
  List<LogEntry> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .toList();
  }

  void screenshot(String name) {
    File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
    Path dir = Paths.get(System.getProperty("dashboard.screenshots", "target"));
    try {
      Files.createDirectories(dir);
      Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
