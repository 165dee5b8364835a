package dev.errand.tck.memory;

import dev.errand.queue.internal.memory.MemoryBackend;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.QueueOperationsContract;
import java.time.Clock;

class MemoryQueueOperationsTest extends QueueOperationsContract {

  @Override
  protected QueueBackend createBackend() {
    return new MemoryBackend(Clock.systemUTC());
  }
}
