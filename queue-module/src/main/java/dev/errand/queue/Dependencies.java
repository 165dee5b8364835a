package dev.errand.queue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a workflow step's handler knows of the steps it depends on, from {@link
 * JobContext#dependencies()}:
 *
 * <pre>{@code
 * @Process("zip")
 * String zip(ZipExports request, JobContext job) {
 *   List<ExportResult> exports = job.dependencies().results(ExportResult.class);
 *   ...
 * }
 * }</pre>
 */
public interface Dependencies {

  /** The workflow the job belongs to; empty for a job added on its own. */
  Optional<String> workflowId();

  /**
   * The results of the dependencies that completed, read as {@code type}, in the order the step
   * named them; a dependency that returned nothing gives null.
   *
   * @throws IllegalArgumentException when a result cannot be read as {@code type}
   */
  <R> List<R> results(Class<R> type);

  /**
   * The result of dependency {@code step}, read as {@code type}, or empty if it returned nothing.
   *
   * @throws IllegalArgumentException when {@code step} is not a dependency of this job, did not
   *     complete, or its result cannot be read as {@code type}
   */
  <R> Optional<R> result(String step, Class<R> type);

  /**
   * The dependencies that failed under {@link DependencyFailure#PASS} or {@link
   * DependencyFailure#ONLY_ON_FAILURE}, by step id, with why they failed.
   */
  Map<String, String> failures();

  /**
   * How the dependencies stand: for a batch's callback, the batch's counts.
   *
   * @param total how many dependencies the step has
   * @param completed how many completed
   * @param failed how many failed for good, or failed because of their own dependencies
   */
  record Counts(int total, int completed, int failed) {

    /** Dependencies not finished yet (a callback that runs on the first death sees some). */
    public int unfinished() {
      return total - completed - failed;
    }
  }

  /** How the dependencies stand now. */
  Counts counts();

  /** What a job added on its own sees: no workflow, no dependencies. */
  static Dependencies none() {
    return new Dependencies() {
      @Override
      public Optional<String> workflowId() {
        return Optional.empty();
      }

      @Override
      public <R> List<R> results(Class<R> type) {
        return List.of();
      }

      @Override
      public <R> Optional<R> result(String step, Class<R> type) {
        throw new IllegalArgumentException(
            "This job belongs to no workflow, so it has no dependency '" + step + "'");
      }

      @Override
      public Map<String, String> failures() {
        return Map.of();
      }

      @Override
      public Counts counts() {
        return new Counts(0, 0, 0);
      }
    };
  }
}
