package dev.errand.tck.queue;

import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobListener;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueEvents;
import dev.errand.queue.QueueService;
import dev.errand.queue.WorkflowInfo;
import dev.errand.queue.WorkflowService;
import dev.errand.queue.spi.QueueBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** One application a suite started, and the backend it runs on. */
final class QueueApp {

  private final ErrandApp app;
  private final QueueBackend backend;

  QueueApp(ErrandApp app, QueueBackend backend) {
    this.app = app;
    this.backend = backend;
  }

  <T> T get(Class<T> type) {
    return app.get(type);
  }

  QueueService queue() {
    return app.get(QueueService.class);
  }

  QueueAdmin admin() {
    return app.get(QueueAdmin.class);
  }

  WorkflowService workflows() {
    return app.get(WorkflowService.class);
  }

  /** Waits until every step of workflow {@code id} has finished, and returns it then. */
  WorkflowInfo awaitWorkflow(String id) {
    WorkflowService workflows = workflows();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> workflows.workflow(id).map(WorkflowInfo::isFinished).orElse(false));
    return workflows.workflow(id).orElseThrow();
  }

  Recorder recorder() {
    return app.get(Recorder.class);
  }

  /** Adds {@code work} for {@link ContractProcessor}'s {@code work} handler. */
  String add(Work work) {
    return queue().add(ContractProcessor.WORK, work);
  }

  /** Adds {@code work} for {@link ContractProcessor}'s {@code work} handler, with options. */
  String add(Work work, JobOptions options) {
    return queue().add(ContractProcessor.WORK, work, options);
  }

  /** Waits for the job on the contract queue to reach {@code state}, and returns it then. */
  JobInfo awaitState(String id, JobState state) {
    QueueAdmin admin = admin();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> admin.job(QueueContract.QUEUE, id).map(JobInfo::state).orElse(null) == state);
    return admin.job(QueueContract.QUEUE, id).orElseThrow();
  }

  /** Waits until the handlers have finished {@code count} runs in all. */
  void awaitFinished(int count) {
    Recorder recorder = recorder();
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.finished.size() == count);
  }

  /**
   * When the backend leased each of {@code runs}' jobs, in order: what a rate limit decides, free
   * of the delay between a lease and its handler starting on a busy machine.
   */
  List<Long> leaseTimes(Collection<Recorder.Run> runs) {
    QueueAdmin admin = admin();
    return runs.stream()
        .map(run -> admin.job(QueueContract.QUEUE, run.id()).orElseThrow().startedAt())
        .map(Instant::toEpochMilli)
        .sorted()
        .toList();
  }

  /** Subscribes {@code into} to the contract queue's events from every process, via QueueEvents. */
  AutoCloseable subscribe(Collection<JobEvent> into) {
    return get(QueueEvents.class)
        .subscribe(
            QueueContract.QUEUE,
            new JobListener() {
              @Override
              public void on(JobEvent event) {
                into.add(event);
              }
            });
  }

  void stop() {
    app.stop();
  }

  /**
   * The backend's own admin, which still reads the stored jobs once the application has stopped and
   * closed the backend, as an operator's tools would.
   */
  QueueAdmin adminAfterStop() {
    return backend.admin();
  }

  /** The backend itself, for a test that plays a part of the queue layer (a crashed adder). */
  QueueBackend storedBackend() {
    return backend;
  }

  /** The backend's own admin, which sees each shard of a sharded queue as a queue of its own. */
  QueueAdmin storedAdmin() {
    return backend.admin();
  }
}
