package dev.errand.devtools.internal.queue;

import dev.errand.devtools.internal.api.Times;
import dev.errand.queue.JobAttempt;
import dev.errand.queue.JobFailure;
import dev.errand.queue.JobInfo;
import dev.errand.queue.QueueCounts;
import dev.errand.queue.QueueMetrics;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the queue section. Times are ISO-8601 text, durations milliseconds. */
final class QueueViews {

  private QueueViews() {}

  /** The queue section's listing, with the actions this errand-queue version supports. */
  record QueuesView(boolean available, List<QueueView> queues, Map<String, Boolean> actions) {}

  /**
   * One queue.
   *
   * @param paused whether workers everywhere hold off its jobs
   * @param metrics this process's figures for its worker
   */
  record QueueView(String name, CountsView counts, boolean paused, MetricsView metrics) {}

  record CountsView(
      long waiting, long delayed, long active, long completed, long failed, long dead) {

    static CountsView of(QueueCounts c) {
      return new CountsView(
          c.waiting(), c.delayed(), c.active(), c.completed(), c.failed(), c.dead());
    }
  }

  /**
   * Throughput and processing-time figures of this process's worker for a queue (zero when it runs
   * none).
   */
  record MetricsView(
      long completed,
      long failed,
      int inFlight,
      double throughputPerMinute,
      double meanMs,
      double p50Ms,
      double p95Ms,
      double p99Ms) {

    static MetricsView of(QueueMetrics m) {
      return new MetricsView(
          m.completed(),
          m.failed(),
          m.inFlight(),
          m.perSecondLastMinute() * 60,
          m.meanMillis(),
          m.p50Millis(),
          m.p95Millis(),
          m.p99Millis());
    }
  }

  /** A page of jobs in one state, or the matches of a search. */
  record JobPage(
      String queue,
      String state,
      int offset,
      int limit,
      long total,
      String search,
      List<JobSummary> jobs) {}

  /** A job as a row of the jobs table. */
  record JobSummary(
      String id,
      String name,
      String state,
      int attemptsMade,
      int priority,
      String createdAt,
      String startedAt,
      String finishedAt,
      String progress,
      String failure,
      String runsAt) {

    static JobSummary of(JobInfo job) {
      JobFailure f = job.failure();
      return new JobSummary(
          job.id(),
          job.name(),
          job.state().code(),
          job.attemptsMade(),
          job.priority(),
          Times.iso(job.createdAt()),
          Times.iso(job.startedAt()),
          Times.iso(job.finishedAt()),
          job.progress(),
          f == null ? null : f.exceptionClass() + ": " + f.message(),
          Times.iso(job.runsAt()));
    }
  }

  /** Everything stored about one job. */
  record JobDetail(
      String id,
      String queue,
      String name,
      String state,
      String payload,
      String options,
      int priority,
      int attemptsMade,
      int stalls,
      String createdAt,
      String startedAt,
      String finishedAt,
      String progress,
      String result,
      FailureView failure,
      List<String> logs,
      Map<String, String> metadata,
      String runsAt,
      List<AttemptView> attempts) {

    static JobDetail of(JobInfo job) {
      JobFailure f = job.failure();
      return new JobDetail(
          job.id(),
          job.queue(),
          job.name(),
          job.state().code(),
          job.payload(),
          job.options(),
          job.priority(),
          job.attemptsMade(),
          job.stalls(),
          Times.iso(job.createdAt()),
          Times.iso(job.startedAt()),
          Times.iso(job.finishedAt()),
          job.progress(),
          job.result(),
          f == null ? null : new FailureView(f.exceptionClass(), f.message(), f.stackTrace()),
          job.logs(),
          job.metadata(),
          Times.iso(job.runsAt()),
          job.attempts().stream().map(AttemptView::of).toList());
    }
  }

  /**
   * One finished run of a job.
   *
   * @param error the failure's first line (class and message), or null for a completed run
   * @param stack the failure's whole stack trace, or null
   */
  record AttemptView(
      int attempt,
      String startedAt,
      String finishedAt,
      String worker,
      long durationMs,
      String error,
      String stack) {

    static AttemptView of(JobAttempt a) {
      JobFailure f = a.failure();
      return new AttemptView(
          a.attempt(),
          Times.iso(a.startedAt()),
          Times.iso(a.finishedAt()),
          a.worker(),
          a.durationMs(),
          f == null ? null : firstLine(f.exceptionClass() + ": " + f.message()),
          f == null || f.stackTrace() == null || f.stackTrace().isEmpty() ? null : f.stackTrace());
    }

    private static String firstLine(String text) {
      int end = text.indexOf('\n');
      return (end < 0 ? text : text.substring(0, end)).strip();
    }
  }

  record FailureView(String exceptionClass, String message, String stackTrace) {}
}
