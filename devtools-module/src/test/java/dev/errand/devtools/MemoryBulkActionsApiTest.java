package dev.errand.devtools;

import java.util.Map;

/** {@link BulkActionsApiContract} on the memory queue. */
class MemoryBulkActionsApiTest extends BulkActionsApiContract {

  @Override
  Map<String, String> backend() {
    return Map.of();
  }
}
