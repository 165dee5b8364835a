package dev.errand.devtools;

import java.util.Map;

/** {@link SchedulesApiContract} on the memory queue. */
class MemorySchedulesApiTest extends SchedulesApiContract {

  @Override
  Map<String, String> backend() {
    return Map.of();
  }
}
