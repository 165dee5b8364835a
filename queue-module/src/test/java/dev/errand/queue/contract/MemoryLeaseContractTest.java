package dev.errand.queue.contract;

import dev.errand.queue.internal.memory.MemoryBackend;
import dev.errand.queue.spi.QueueBackend;
import java.time.Clock;

class MemoryLeaseContractTest extends LeaseContractTest {

  @Override
  protected QueueBackend createBackend() {
    return new MemoryBackend(Clock.systemUTC());
  }
}
