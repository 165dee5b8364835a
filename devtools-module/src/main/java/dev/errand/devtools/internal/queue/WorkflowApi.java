package dev.errand.devtools.internal.queue;

import dev.errand.devtools.internal.api.ApiSection;
import dev.errand.devtools.internal.http.ApiException;
import dev.errand.devtools.internal.http.Reply;
import dev.errand.devtools.internal.http.Request;
import dev.errand.devtools.internal.http.Router;
import dev.errand.queue.WorkflowInfo;
import dev.errand.queue.WorkflowService;
import dev.errand.queue.WorkflowStepState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The workflows section: workflows and batches newest first with their steps counted by state, one
 * workflow with every step, and the retry, cancel and remove actions.
 */
public final class WorkflowApi implements ApiSection {

  /** A page of workflows; {@code reason} says why there are none when the backend keeps none. */
  public record WorkflowList(
      boolean available, String reason, int offset, int limit, List<WorkflowSummary> workflows) {}

  /** A workflow as a row: how many steps, how many in each state, whether it has finished. */
  public record WorkflowSummary(
      String id, int steps, boolean finished, Map<String, Integer> counts) {}

  /** A workflow with its steps, in the order they were added. */
  public record WorkflowView(
      String id, boolean finished, Map<String, Integer> counts, List<StepView> steps) {}

  /** One step: its job, what it waits for, its state, why it failed. */
  public record StepView(
      String id,
      String queue,
      String name,
      String jobId,
      List<String> dependsOn,
      String state,
      String failure) {

    static StepView of(WorkflowInfo.Step s) {
      return new StepView(
          s.id(), s.queue(), s.name(), s.jobId(), s.dependsOn(), s.state().name(), s.failure());
    }
  }

  private final WorkflowService workflows;

  WorkflowApi(WorkflowService workflows) {
    this.workflows = workflows;
  }

  @Override
  public void register(Router router) {
    router.get("/api/workflows", request -> Reply.ok(list(request)));
    router.get("/api/workflows/{id}", request -> Reply.ok(view(existing(request.path("id")))));
    router.post(
        "/api/workflows/{id}/retry",
        request -> {
          String id = existing(request.path("id")).id();
          return Reply.ok(Map.of("id", id, "retried", workflows.retry(id)));
        });
    router.post(
        "/api/workflows/{id}/cancel",
        request -> {
          String id = existing(request.path("id")).id();
          return Reply.ok(Map.of("id", id, "cancelled", workflows.cancel(id)));
        });
    router.post(
        "/api/workflows/{id}/remove",
        request -> {
          String id = existing(request.path("id")).id();
          try {
            return Reply.ok(Map.of("id", id, "removed", workflows.remove(id)));
          } catch (IllegalStateException unfinished) {
            throw new ApiException(409, unfinished.getMessage());
          }
        });
  }

  private WorkflowList list(Request request) {
    int offset = request.intQuery("offset", 0, 0, Integer.MAX_VALUE);
    int limit = request.intQuery("limit", 25, 1, 200);
    List<String> ids;
    try {
      ids = workflows.workflowIds(offset, limit);
    } catch (UnsupportedOperationException unsupported) {
      return new WorkflowList(false, unsupported.getMessage(), offset, limit, List.of());
    }
    List<WorkflowSummary> rows =
        ids.stream()
            .map(workflows::workflow)
            .flatMap(Optional::stream)
            .map(w -> new WorkflowSummary(w.id(), w.steps().size(), w.isFinished(), counts(w)))
            .toList();
    return new WorkflowList(true, null, offset, limit, rows);
  }

  private static WorkflowView view(WorkflowInfo w) {
    return new WorkflowView(
        w.id(), w.isFinished(), counts(w), w.steps().stream().map(StepView::of).toList());
  }

  /** Steps per state, in the order of {@link WorkflowStepState}; states with none are left out. */
  private static Map<String, Integer> counts(WorkflowInfo w) {
    Map<WorkflowStepState, Integer> byState = new TreeMap<>();
    w.steps().forEach(s -> byState.merge(s.state(), 1, Integer::sum));
    Map<String, Integer> named = new LinkedHashMap<>();
    byState.forEach((state, n) -> named.put(state.name(), n));
    return named;
  }

  private WorkflowInfo existing(String id) {
    return workflows.workflow(id).orElseThrow(() -> ApiException.notFound("No workflow " + id));
  }
}
