package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandRedis;
import dev.errand.devtools.fixtures.DashProcessor;
import dev.errand.devtools.fixtures.SecondProcess;
import dev.errand.queue.QueueAdmin;
import dev.errand.testsupport.ChildJvm;
import dev.errand.testsupport.TestServers;
import java.nio.file.Path;
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
  void shouldChartAndListASecondProcessAndDropItAfterItIsKilled() {
    String prefix = TestServers.unique("devtools-two");
    Map<String, String> redis =
        Map.of(
            "JOBS_BACKEND", "redis",
            "REDIS_URL", TestServers.redisUrl(),
            "JOBS_KEY_PREFIX", prefix,
            "ERRAND_APP_NAME", "first-app",
            "JOBS_HEARTBEAT_INTERVAL", "1s");
    try (ChildJvm second = ChildJvm.start(SecondProcess.class, TestServers.redisUrl(), prefix);
        DashboardApp dash = new DashboardApp(redis);
        Browser browser = new Browser(profile)) {
      QueueAdmin admin = dash.app.get(QueueAdmin.class);
      for (int i = 0; i < 5; i++) {
        dash.queue().add(DashProcessor.QUEUE, "echo", Map.of("n", i));
        dash.queue().add(SecondProcess.QUEUE, "echo", Map.of("n", i));
      }
      await()
          .atMost(60, TimeUnit.SECONDS)
          .until(
              () ->
                  (admin.counts(SecondProcess.QUEUE).completed() == 5
                          && admin.counts(DashProcessor.QUEUE).completed() == 5)
                      || !second.isAlive());
      assertThat(second.isAlive()).as("the second process runs: %s", second.logTail()).isTrue();

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
      browser.awaitText("#workers-table tbody", SecondProcess.APP);
      browser.awaitText("#workers-table tbody", "first-app");
      second.kill();
      await()
          .atMost(20, TimeUnit.SECONDS)
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(browser.find("#workers-table tbody").getText())
                      .doesNotContain(SecondProcess.APP)
                      .contains("first-app"));
      assertThat(browser.consoleErrors()).isEmpty();

      var commands = dash.app.get(ErrandRedis.class).commands();
      List<String> keys = commands.keys(prefix + ":*");
      if (!keys.isEmpty()) {
        commands.del(keys.toArray(String[]::new));
      }
    }
  }
}
