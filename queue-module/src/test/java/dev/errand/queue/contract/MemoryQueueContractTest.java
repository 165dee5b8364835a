package dev.errand.queue.contract;

import dev.errand.core.ErrandApp;
import dev.errand.queue.QueueAdmin;
import java.util.Map;

class MemoryQueueContractTest extends QueueContractTest {

  @Override
  protected Map<String, String> backendSettings() {
    return Map.of("JOBS_PROVIDER", "memory");
  }

  @Override
  protected QueueAdmin adminAfterStop(ErrandApp stopped) {
    // The memory backend lives as long as the stopped application's objects do.
    return stopped.get(QueueAdmin.class);
  }
}
