package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The dashboard in headless Chromium against one real application: links that survive a reload,
 * long errors, bulk retry, the cron page, payload search, workers and the history chart, and data
 * shown as text. Leaves a screenshot of each page (see {@link Browser#screenshot}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest extends BrowserTestBase {

  @Test
  @Order(1)
  void shouldShowRetryAndTriggerFromTheDashboard() {
    dash.switches.failing.set(false);
    for (int i = 1; i <= 3; i++) {
      dash.queue().add(Q, "echo", Map.of("n", i));
    }
    await().atMost(10, TimeUnit.SECONDS).until(() -> admin().counts(Q).completed() == 3);
    dash.switches.failing.set(true);
    String failed = dash.queue().add(Q, "flaky", Map.of("note", XSS));
    await().atMost(10, TimeUnit.SECONDS).until(() -> admin().counts(Q).failed() == 1);
    dash.queue()
        .add(Q, "echo", Map.of("n", 4), JobOptions.builder().delay(Duration.ofHours(2)).build());
    for (int i = 1; i <= 7; i++) {
      dash.queue().add("reports-outbox", "render-report", Map.of("report", i));
    }

    go("#/");
    String row = "#queues-table tr[data-key='" + Q + "']";
    browser.awaitText(row + " td[data-col='completed']", "3");
    browser.awaitText(row + " td[data-col='failed']", "1");
    browser.awaitText("#queues-table tr[data-key='reports-outbox'] td[data-col='waiting']", "7");
    browser.awaitText("#health-table tr[data-key='QueueAdapter'] td[data-col='status']", "up");

    // Open the queue: the failed job's markup-laden failure shows as text.
    browser.click(row + " td[data-col='name'] a");
    assertThat(browser.driver.getCurrentUrl()).endsWith("#/queues/" + Q + "/failed");
    String failedRow = "#jobs-table tr[data-key='" + failed + "']";
    browser.awaitText(
        failedRow + " td[data-col='failure']", "UnrecoverableJobException: refused " + XSS);
    browser.click(failedRow + " td[data-col='name']");
    browser.awaitText(
        "#detail-blocks pre[data-block='payload']", "{\n  \"note\": \"" + XSS + "\"\n}");

    // Retry from the detail: it completes once the handler stops failing.
    dash.switches.failing.set(false);
    browser.click("#detail-actions button[data-action='retry']");
    browser.awaitText("#detail-fields dd[data-field='state']", "completed");

    // The delayed job says when it runs.
    go("#/queues/" + Q + "/delayed");
    browser.awaitText("#jobs-table tbody tr td[data-col='state']", "delayed");
    assertThat(browser.find("#jobs-table tbody tr td[data-col='runs-at']").getText())
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+");

    // Pause the queue nobody consumes here; the badge follows.
    go("#/");
    String outbox = "#queues-table tr[data-key='reports-outbox']";
    browser.awaitText(outbox + " td[data-col='paused']", "running");
    browser.click(outbox + " button[data-action='pause']");
    browser.awaitText(outbox + " td[data-col='paused']", "paused");
  }

  @Test
  @Order(2)
  void shouldTriggerACronJobAndKeepItsHistoryOpenAfterAReload() {
    go("#/cron");
    String report = "#cron-table tr[data-key='DashCronJobs.report']";
    browser.click(report + " td[data-col='expression']");
    assertThat(browser.driver.getCurrentUrl()).endsWith("#/cron/DashCronJobs.report");
    browser.awaitText("#history-table tbody", "No runs recorded yet.");
    browser.click(report + " button[data-action='trigger']");
    browser.awaitText("#history-table tbody tr td[data-col='status']", "success");
    assertThat(dash.switches.reports.get()).isEqualTo(1);
    assertThat(browser.find(report + " td[data-col='id']").getText())
        .contains("Yearly <b>report</b>");
    assertThat(browser.all("#cron-table b")).isEmpty();

    browser.driver.navigate().refresh();
    browser.awaitText("#history-table tbody tr td[data-col='status']", "success");
    browser.screenshot("dashboard-cron");
  }

  @Test
  @Order(3)
  void shouldOpenADeadJobFromADeepLinkAfterAReloadAndShowItsWholeTrace() {
    dash.switches.failing.set(true);
    String id = dash.queue().add(Q, "crash", Map.of("note", XSS));
    await().atMost(10, TimeUnit.SECONDS).until(() -> state(id) == JobState.DEAD);

    // A link sent to a colleague: it opens the job, and again after a reload.
    go("#/queues/" + Q + "/dead/" + id);
    browser.awaitText("#detail-id", id);
    browser.driver.navigate().refresh();
    browser.awaitText("#failure-message", "IllegalStateException: crashed on " + XSS);
    var trace = browser.find("#detail-failure pre[data-block='stack trace']");
    assertThat(trace.getText()).contains("Caused by: java.io.UncheckedIOException");
    assertThat(trace.getCssValue("white-space")).isEqualTo("pre");
    assertThat(trace.getCssValue("overflow-x")).isEqualTo("auto");
    assertThat(browser.find("#detail-fields dd[data-field='created']").getText())
        .matches(".*\\d\\d:\\d\\d:\\d\\d \\S+");
    String attempt = "#attempts-table tr[data-key='1']";
    browser.awaitText(attempt + " td[data-col='error']", "crashed on " + XSS);
    assertThat(browser.find(attempt + " td[data-col='worker']").getText()).contains("/");
    browser.screenshot("dashboard-job");

    // Back to the list: the failure is one line there, with the whole text as its tooltip.
    browser.click("#detail-section .card-head a.button-like");
    var failure =
        browser.find("#jobs-table tr[data-key='" + id + "'] td[data-col='failure'] .one-line");
    assertThat(failure.getText()).isEqualTo("java.lang.IllegalStateException: crashed on " + XSS);
    assertThat(failure.getAttribute("title")).contains("second line of the message");
    assertThat(failure.getSize().getHeight()).isLessThan(30);
    browser.driver.navigate().back();
    browser.awaitText("#detail-id", id);
  }

  @Test
  @Order(4)
  void shouldRetrySelectedDeadJobsInBulkAndAskBeforeRetryingAll() {
    dash.switches.failing.set(true);
    List<String> ids =
        List.of(
            dash.queue().add(Q, "crash", Map.of("n", 1)),
            dash.queue().add(Q, "crash", Map.of("n", 2)),
            dash.queue().add(Q, "crash", Map.of("n", 3)));
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> ids.stream().allMatch(id -> state(id) == JobState.DEAD));
    dash.switches.failing.set(false);

    go("#/queues/" + Q + "/dead");
    browser.click("#jobs-table tr[data-key='" + ids.get(0) + "'] input.pick");
    browser.click("#jobs-table tr[data-key='" + ids.get(1) + "'] input.pick");
    browser.awaitText("#bulk-note", "2 selected");
    browser.screenshot("dashboard-jobs");
    browser.click("#bulk-bar button[data-action='bulk-retry']");
    assertThat(browser.confirm(true)).contains("Retry 2 selected job(s)");
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(
            () ->
                state(ids.get(0)) == JobState.COMPLETED && state(ids.get(1)) == JobState.COMPLETED);
    assertThat(state(ids.get(2))).isEqualTo(JobState.DEAD);

    // "Retry failed" revives dead jobs too: it asks first, and a "no" retries nothing.
    browser.click("#bulk-bar button[data-action='retry-failed']");
    assertThat(browser.confirm(false)).contains("dead");
    assertThat(state(ids.get(2))).isEqualTo(JobState.DEAD);
  }

  @Test
  @Order(7)
  void shouldFindAJobByItsPayloadAndKeepTheSearchInTheLink() {
    dash.switches.failing.set(false);
    String id = dash.queue().add(Q, "echo", Map.of("order", "ord-7781", "note", XSS));
    dash.queue().add(Q, "echo", Map.of("order", "ord-1000"));
    await().atMost(10, TimeUnit.SECONDS).until(() -> state(id) == JobState.COMPLETED);

    go("#/queues/" + Q + "/completed");
    browser.click("#search-payload");
    browser.find("#job-search").sendKeys("ord-7781");
    browser.awaitText("#page-info", "1 match(es) for “ord-7781” in payloads");
    assertThat(browser.all("#jobs-table tbody tr")).hasSize(1);
    assertThat(browser.find("#jobs-table tbody tr").getAttribute("data-key")).isEqualTo(id);
    assertThat(browser.driver.getCurrentUrl()).contains("search=ord-7781").contains("in=payload");

    browser.driver.navigate().refresh();
    browser.awaitText("#page-info", "1 match(es) for “ord-7781” in payloads");
    browser.click("#jobs-table tr[data-key='" + id + "'] td[data-col='name']");
    browser.awaitText("pre[data-block='payload']", XSS);
  }

  @Test
  @Order(8)
  void shouldShowThisProcessAndItsRunningJobOnTheWorkersPage() {
    String slow = dash.queue().add(Q, "slow", Map.of());
    await().atMost(10, TimeUnit.SECONDS).until(() -> state(slow) == JobState.ACTIVE);

    go("#/workers");
    browser.awaitText("#workers-table tbody td[data-col='app']", "billing" + XSS);
    browser.awaitText("#workers-table tbody td[data-col='running']", Q + " #" + slow + " slow");
    browser.awaitText("#workers-table tbody td[data-col='queues']", Q + " ×");
    browser.screenshot("dashboard-workers");
    assertThat(admin().cancel(Q, slow)).isTrue();
    browser.awaitText("#workers-table tbody td[data-col='running']", "idle");
  }

  @Test
  @Order(9)
  void shouldChartTheJobsProcessedPerMinute() {
    go("#/");
    var chart = browser.find("#history-chart");
    await()
        .atMost(15, TimeUnit.SECONDS)
        .untilAsserted(
            () -> assertThat(Long.parseLong(chart.getAttribute("data-processed"))).isPositive());
    assertThat(chart.getAttribute("data-points")).isEqualTo("60");
    assertThat(browser.all("#chart-throughput canvas")).hasSize(1);
    assertThat(browser.all("#chart-latency canvas")).hasSize(1);
    browser.awaitText("#history-summary", "processed");
    browser.screenshot("dashboard");

    // One queue over the day: the choice lands in the link, and the chart keeps its points.
    new org.openqa.selenium.support.ui.Select(browser.find("#history-range")).selectByValue("day");
    await()
        .atMost(10, TimeUnit.SECONDS)
        .untilAsserted(
            () ->
                assertThat(browser.find("#history-chart").getAttribute("data-points"))
                    .isEqualTo("144"));
    assertThat(browser.driver.getCurrentUrl()).contains("range=day");
    assertThat(Long.parseLong(browser.find("#history-chart").getAttribute("data-processed")))
        .isPositive();
  }
}
