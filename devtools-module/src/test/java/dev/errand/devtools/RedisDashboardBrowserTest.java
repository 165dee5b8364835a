package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandRedis;
import dev.errand.devtools.fixtures.DashProcessor;
import dev.errand.devtools.fixtures.shop.SecondWorkerMain;
import dev.errand.queue.QueueAdmin;
import dev.errand.testsupport.TestServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one Redis: the dashboard of the first charts the jobs both processed, lists the
 * second process's worker, and drops it once it is killed with SIGKILL and its lease runs out.
 */
class RedisDashboardBrowserTest {

  @TempDir Path profile;

  @Test
  void shouldChartAndListASecondProcessAndDropItAfterItIsKilled() throws Exception {
    String prefix = TestServers.unique("devtools-two");
    Map<String, String> redis =
        Map.of(
            "JOBS_BACKEND", "redis",
            "REDIS_URL", TestServers.redisUrl(),
            "JOBS_KEY_PREFIX", prefix,
            "ERRAND_APP_NAME", "first-app",
            "JOBS_HEARTBEAT_INTERVAL", "1s");
    Process second = startSecondWorker(prefix);
    try (DashboardApp dash = new DashboardApp(redis);
        Browser browser = new Browser(profile)) {
      QueueAdmin admin = dash.app.get(QueueAdmin.class);
      for (int i = 0; i < 5; i++) {
        dash.queue().add(DashProcessor.QUEUE, "echo", Map.of("n", i));
        dash.queue().add("email", "send-receipt", Map.of("to", "c" + i + "@mail.example"));
      }
      await()
          .atMost(30, TimeUnit.SECONDS)
          .until(
              () ->
                  admin.counts("email").completed() == 5
                      && admin.counts(DashProcessor.QUEUE).completed() == 5);

      browser.open(dash.base + "?token=" + DashboardApp.TOKEN);
      await()
          .atMost(15, TimeUnit.SECONDS)
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(browser.find("#history-chart").getAttribute("data-processed"))
                      .isEqualTo("10"));
      browser.awaitText("#history-summary", "10 processed, 0 failed (all queues, all processes)");

      browser.open(dash.base + "#/workers");
      browser.awaitText("#workers-table tbody", "second-worker");
      browser.awaitText("#workers-table tbody", "first-app");
      second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      await()
          .atMost(20, TimeUnit.SECONDS)
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(browser.find("#workers-table tbody").getText())
                      .doesNotContain("second-worker")
                      .contains("first-app"));
      assertThat(browser.consoleErrors()).isEmpty();

      var commands = dash.app.get(ErrandRedis.class).commands();
      List<String> keys = commands.keys(prefix + ":*");
      if (!keys.isEmpty()) {
        commands.del(keys.toArray(String[]::new));
      }
    } finally {
      second.destroyForcibly();
    }
  }

  /** The second process: this test's class path, another JVM, ready once it says so. */
  private static Process startSecondWorker(String prefix) throws IOException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString()));
    if (Runtime.version().feature() >= 24) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            SecondWorkerMain.class.getName(),
            TestServers.redisUrl(),
            prefix));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.equals("ready")) {
      // its start-up log; the worker is ready once it prints "ready"
    }
    if (line == null) {
      throw new IllegalStateException("the second worker exited before it was ready");
    }
    // Keep reading its output so a full pipe never blocks it.
    Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> {}));
    return process;
  }
}
