package dev.errand.queue.internal.workflow;

import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.WorkflowStore;
import java.lang.reflect.Proxy;

/** The backend a {@link WorkflowBackend} reads its workflow store from, in tests of its own. */
final class WorkflowsOnly {

  private WorkflowsOnly() {}

  /**
   * A backend that offers {@code store} for workflows, and nothing else: the worker settles steps
   * before it acknowledges their jobs, as on a Redis cluster.
   */
  static QueueBackend keepingWorkflowsIn(WorkflowStore store) {
    return (QueueBackend)
        Proxy.newProxyInstance(
            QueueBackend.class.getClassLoader(),
            new Class<?>[] {QueueBackend.class},
            (proxy, method, args) -> {
              if (method.getName().equals("workflowStore")) {
                return store;
              }
              if (method.getName().equals("settleStepsOnAcknowledge")) {
                return false;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
