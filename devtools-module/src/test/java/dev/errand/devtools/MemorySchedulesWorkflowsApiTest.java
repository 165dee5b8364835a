package dev.errand.devtools;

import java.util.Map;

/** The schedules, workflows and bulk API on the memory queue. */
class MemorySchedulesWorkflowsApiTest extends SchedulesWorkflowsApiContract {

  @Override
  Map<String, String> backend() {
    return Map.of();
  }
}
