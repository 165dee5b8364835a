package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.cron.JobSchedules;
import dev.errand.cron.Recurrence;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobType;
import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowService;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schedules and workflows pages in headless Chromium: they show their data and act. */
class SchedulesWorkflowsBrowserTest extends BrowserTestBase {

  @Test
  void shouldShowAndActOnSchedules() {
    dash.app
        .get(JobSchedules.class)
        .upsert(
            "report:acme",
            Recurrence.cron("0 9 * * MON", "Europe/Berlin"),
            Q,
            "echo",
            Map.of("customer", XSS),
            JobOptions.defaults());
    go("#/schedules");
    String row = "#schedules-table tr[data-key='report:acme']";
    browser.awaitText(row + " td[data-col='when']", "0 9 * * MON (Europe/Berlin)");
    browser.click(row + " button[data-action='pause']");
    browser.awaitText(row + " td[data-col='paused']", "paused");
    browser.screenshot("dashboard-schedules");

    browser.click(row + " td[data-col='when']");
    browser.awaitText("#schedule-id", "report:acme");
    browser.awaitText("pre[data-block='payload']", XSS);
    assertThat(browser.all("#next-runs li")).hasSize(5);
    browser.click("#schedule-actions button[data-action='resume']");
    browser.awaitText("#schedule-fields dd[data-field='paused']", "active");
    browser.click("#schedule-actions button[data-action='trigger']");
    browser.awaitText("#status", "Added job schedule:report:acme@");
  }

  @Test
  void shouldShowAWorkflowsStepsAndRetryIt() {
    dash.switches.failing.set(true);
    JobType<Map> flaky = JobType.of(Q, "flaky", Map.class);
    JobType<Map> echo = JobType.of(Q, "echo", Map.class);
    Workflow flow = Workflow.withId("export-42");
    Workflow.Step fetch = flow.step("fetch", flaky, Map.of("note", XSS));
    Workflow.Step render = flow.step("render", echo, Map.of()).after(fetch);
    flow.step("mail", echo, Map.of()).after(render);
    dash.app.get(WorkflowService.class).add(flow);

    go("#/workflows");
    browser.awaitText(
        "#workflows-table tr[data-key='export-42'] td[data-col='states']", "1 failed");
    browser.click("#workflows-table tr[data-key='export-42'] td[data-col='id'] a");
    String fetchRow = "#steps-table tr[data-key='fetch']";
    browser.awaitText(fetchRow + " td[data-col='state']", "failed");
    browser.awaitText(fetchRow + " td[data-col='failure']", "refused " + XSS);
    browser.awaitText("#steps-table tr[data-key='mail'] td[data-col='waits']", "render");
    browser.screenshot("dashboard-workflow");

    dash.switches.failing.set(false);
    browser.click("#workflow-actions button[data-action='retry']");
    browser.awaitText("#steps-table tr[data-key='mail'] td[data-col='state']", "completed");
  }
}
