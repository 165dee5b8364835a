package dev.errand.queue;

import java.util.ArrayList;
import java.util.List;

/**
 * Many jobs added together, with callback jobs that run once each: when all have finished, when all
 * have succeeded, when the first one dies. A callback's {@link JobContext#dependencies()} gives the
 * batch's {@link Dependencies#counts() counts}. Jobs of the batch may add more jobs to it while it
 * runs ({@link WorkflowService#addToBatch}); the callbacks then wait for those too.
 *
 * <pre>{@code
 * Batch batch = Batch.withId("newsletter-" + issue.id());
 * for (Subscriber s : subscribers) {
 *   batch.add("send-" + s.id(), Jobs.SEND_ISSUE, new SendIssue(issue.id(), s.email()));
 * }
 * batch.onFinished(Jobs.REPORT, new Report(issue.id()))
 *     .onSuccess(Jobs.MARK_SENT, new MarkSent(issue.id()))
 *     .onDeath(Jobs.ALERT, new Alert("newsletter " + issue.id()));
 * workflows.add(batch);
 * }</pre>
 *
 * <p>A batch is a {@link Workflow} underneath: its jobs are steps depending on nothing, each
 * callback a step after all of them, so admin shows and cancels it as one.
 */
public final class Batch {

  /** The step id of the {@link #onFinished} callback. */
  public static final String ON_FINISHED = "on-finished";

  /** The step id of the {@link #onSuccess} callback. */
  public static final String ON_SUCCESS = "on-success";

  /** The step id of the {@link #onDeath} callback. */
  public static final String ON_DEATH = "on-death";

  private final Workflow workflow;
  private final List<Workflow.Step> jobs = new ArrayList<>();
  private final List<Runnable> callbacks = new ArrayList<>();

  private Batch(Workflow workflow) {
    this.workflow = workflow;
  }

  /** A batch with a generated id. */
  public static Batch create() {
    return new Batch(Workflow.create());
  }

  /** A batch with the caller's id, as {@link Workflow#withId}. */
  public static Batch withId(String id) {
    return new Batch(Workflow.withId(id));
  }

  public String id() {
    return workflow.id();
  }

  /** Adds a job to the batch under {@code stepId}. */
  public <T> Batch add(String stepId, JobType<T> type, T payload) {
    return add(stepId, type, payload, JobOptions.defaults());
  }

  /** Adds a job with options to the batch under {@code stepId}. */
  public <T> Batch add(String stepId, JobType<T> type, T payload, JobOptions options) {
    jobs.add(workflow.step(stepId, type, payload, options));
    return this;
  }

  /** Runs a job once every job of the batch has finished, however it ended. */
  public <T> Batch onFinished(JobType<T> type, T payload) {
    return callback(ON_FINISHED, type, payload, DependencyFailure.PASS);
  }

  /** Runs a job once every job of the batch has completed; never if one fails for good. */
  public <T> Batch onSuccess(JobType<T> type, T payload) {
    return callback(ON_SUCCESS, type, payload, DependencyFailure.FAIL);
  }

  /** Runs a job once, as soon as a job of the batch fails for good; never if none does. */
  public <T> Batch onDeath(JobType<T> type, T payload) {
    return callback(ON_DEATH, type, payload, DependencyFailure.ONLY_ON_FAILURE);
  }

  private <T> Batch callback(String id, JobType<T> type, T payload, DependencyFailure policy) {
    // Added when the batch is, so the callbacks come after every job whatever the order of calls.
    callbacks.add(
        () -> {
          Workflow.Step callback = workflow.step(id, type, payload).batchCallback();
          jobs.forEach(job -> callback.after(job, policy));
        });
    return this;
  }

  /** The workflow this batch is: its jobs, then its callbacks. */
  public Workflow workflow() {
    if (jobs.isEmpty()) {
      throw new IllegalArgumentException("Batch " + id() + " has no jobs");
    }
    callbacks.forEach(Runnable::run);
    callbacks.clear();
    return workflow;
  }
}
