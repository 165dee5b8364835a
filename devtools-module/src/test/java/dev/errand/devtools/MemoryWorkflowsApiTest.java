package dev.errand.devtools;

import java.util.Map;

/** {@link WorkflowsApiContract} on the memory queue. */
class MemoryWorkflowsApiTest extends WorkflowsApiContract {

  @Override
  Map<String, String> backend() {
    return Map.of();
  }
}
