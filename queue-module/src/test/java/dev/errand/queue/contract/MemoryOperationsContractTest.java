package dev.errand.queue.contract;

import java.util.Map;

class MemoryOperationsContractTest extends OperationsContractTest {

  @Override
  protected Map<String, String> backendSettings() {
    return Map.of("JOBS_PROVIDER", "memory");
  }
}
