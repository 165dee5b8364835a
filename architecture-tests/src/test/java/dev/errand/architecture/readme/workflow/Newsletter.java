package dev.errand.architecture.readme.workflow;

import dev.errand.queue.Batch;
import dev.errand.queue.JobType;
import dev.errand.queue.WorkflowService;
import jakarta.inject.Inject;
import java.util.List;

// README: "Workflows", batches.
final class Newsletter {

  record Subscriber(long id, String email) {}

  record SendIssue(long issueId, String email) {}

  record Report(long issueId) {}

  record MarkSent(long issueId) {}

  record Alert(String what) {}

  static final JobType<SendIssue> SEND_ISSUE = JobType.of("newsletter", "send", SendIssue.class);
  static final JobType<Report> REPORT = JobType.of("newsletter", "report", Report.class);
  static final JobType<MarkSent> MARK_SENT = JobType.of("newsletter", "mark-sent", MarkSent.class);
  static final JobType<Alert> ALERT = JobType.of("newsletter", "alert", Alert.class);

  private final WorkflowService workflows;

  @Inject
  Newsletter(WorkflowService workflows) {
    this.workflows = workflows;
  }

  void send(long issueId, List<Subscriber> subscribers) {
    Batch batch = Batch.withId("newsletter-" + issueId);
    subscribers.forEach(
        s -> batch.add("send-" + s.id(), SEND_ISSUE, new SendIssue(issueId, s.email())));
    batch
        .onFinished(REPORT, new Report(issueId))
        .onSuccess(MARK_SENT, new MarkSent(issueId))
        .onDeath(ALERT, new Alert("newsletter " + issueId));
    workflows.add(batch);
  }
}
