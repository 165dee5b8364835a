package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.cron.JobSchedules;
import dev.errand.cron.Recurrence;
import dev.errand.devtools.fixtures.shop.InvoiceJobs;
import dev.errand.devtools.fixtures.shop.MailJobs;
import dev.errand.devtools.fixtures.shop.ShopCron;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import dev.errand.queue.JobType;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every page of the dashboard with a shop's data (mail that bounces, invoices, a declined card, a
 * workflow, schedules, a long export running), each left as a picture: in target/, or, with {@code
 * -Ddashboard.screenshots=../docs}, the README's own pictures.
 */
class DashboardScreenshotsTest {

  private static final JobType<Map> CHARGE = JobType.of("invoices", "charge", Map.class);
  private static final JobType<Map> RENDER = JobType.of("invoices", "render-pdf", Map.class);
  private static final JobType<Map> MAIL = JobType.of("email", "send-receipt", Map.class);

  @TempDir Path profile;

  @Test
  void shouldShowEveryPageWithAShopsData() {
    Map<String, String> settings =
        Map.of(
            "ERRAND_APP_NAME", "shop-worker",
            "JOBS_ATTEMPTS", "2",
            "JOBS_BACKOFF_TYPE", "fixed",
            "JOBS_BACKOFF_DELAY", "100",
            "JOBS_HEARTBEAT_INTERVAL", "1s",
            "JOBS_SHUTDOWN_GRACE", "1s");
    try (DashboardApp dash =
            new DashboardApp(
                settings, List.of(MailJobs.class, InvoiceJobs.class), List.of(ShopCron.class));
        Browser browser = new Browser(profile)) {
      String bounced = seed(dash);
      browser.open(dash.base + "?token=" + DashboardApp.TOKEN);

      browser.awaitText("#queues-table tr[data-key='email'] td[data-col='dead']", "6");
      await()
          .atMost(15, TimeUnit.SECONDS)
          .until(() -> !"0".equals(browser.find("#history-chart").getAttribute("data-processed")));
      browser.screenshot("dashboard");

      browser.open(dash.base + "#/queues/email/dead");
      browser.awaitText("#page-info", "1–6 of 6 dead");
      browser.click("#jobs-table tbody tr:nth-child(2) input.pick");
      browser.click("#jobs-table tbody tr:nth-child(3) input.pick");
      browser.screenshot("dashboard-jobs");

      browser.open(dash.base + "#/queues/email/dead/" + bounced);
      browser.awaitText("#attempts-table tr[data-key='2'] td[data-col='error']", "SMTP 550");
      browser.screenshot("dashboard-job");

      shoot(
          browser,
          dash,
          "workers",
          "#/workers",
          "#workers-table td[data-col='running']",
          "export-ledger");
      shoot(browser, dash, "cron", "#/cron", "#cron-table tbody", "Close the day's ledger");
      shoot(
          browser,
          dash,
          "schedules",
          "#/schedules",
          "#schedules-table tbody",
          "report:acme-weekly");
      shoot(
          browser,
          dash,
          "workflow",
          "#/workflows/order-1043",
          "#steps-table tr[data-key='charge'] td[data-col='failure']",
          "card declined");

      assertThat(browser.consoleErrors()).isEmpty();
    }
  }

  /** Opens a page, waits for its data and leaves its picture as dashboard-{name}.png. */
  private static void shoot(
      Browser browser, DashboardApp dash, String name, String hash, String css, String text) {
    browser.open(dash.base + hash);
    browser.awaitText(css, text);
    browser.screenshot("dashboard-" + name);
  }

  /** A shop's afternoon; returns the id of a receipt that bounced. */
  private static String seed(DashboardApp dash) {
    QueueService queue = dash.queue();
    QueueAdmin admin = dash.app.get(QueueAdmin.class);
    String bounced = null;
    for (int i = 0; i < 120; i++) {
      boolean bounce = i % 20 == 7;
      String to = (bounce ? "customer" + i + "@bounce.example" : "customer" + i + "@mail.example");
      String id = queue.add("email", "send-receipt", Map.of("to", to, "order", 1000 + i));
      bounced = bounce ? id : bounced;
    }
    for (int i = 0; i < 40; i++) {
      queue.add("invoices", "render-pdf", Map.of("order", 1000 + i));
    }
    queue.add(
        "invoices",
        "render-pdf",
        Map.of("order", 1200),
        JobOptions.builder().delay(Duration.ofMinutes(30)).build());
    queue.add("invoices", "export-ledger", Map.of("month", "2026-11"));
    for (String order : List.of("1042", "1043")) {
      Workflow flow = Workflow.withId("order-" + order);
      Workflow.Step charge = flow.step("charge", CHARGE, Map.of("order", order));
      Workflow.Step render =
          flow.step("render-invoice", RENDER, Map.of("order", order)).after(charge);
      flow.step("mail-receipt", MAIL, Map.of("to", "buyer@mail.example", "order", order))
          .after(render);
      dash.app.get(WorkflowService.class).add(flow);
    }
    JobSchedules schedules = dash.app.get(JobSchedules.class);
    schedules.upsert(
        "report:acme-weekly",
        Recurrence.cron("0 9 * * MON", "Europe/Berlin"),
        "email",
        "send-receipt",
        Map.of("to", "finance@acme.example"),
        JobOptions.defaults());
    schedules.upsert(
        "report:globex-daily",
        Recurrence.every(Duration.ofHours(24)),
        "invoices",
        "render-pdf",
        Map.of("order", "daily"),
        JobOptions.defaults());
    schedules.upsert(
        "reminder:cart-5521",
        Recurrence.once(Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS)),
        "email",
        "send-receipt",
        Map.of("to", "shopper@mail.example"),
        JobOptions.defaults());
    schedules.pause("report:globex-daily");
    String finalBounced = bounced;
    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(
            () ->
                admin.counts("email").dead() == 6
                    && admin.job("email", finalBounced).orElseThrow().state() == JobState.DEAD
                    && admin.counts("invoices").completed() >= 42);
    return bounced;
  }
}
