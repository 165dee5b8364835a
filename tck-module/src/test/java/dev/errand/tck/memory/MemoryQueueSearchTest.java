package dev.errand.tck.memory;

import dev.errand.queue.internal.memory.MemoryBackend;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.QueueSearchContract;
import java.time.Clock;

class MemoryQueueSearchTest extends QueueSearchContract {

  @Override
  protected QueueBackend createBackend() {
    return new MemoryBackend(Clock.systemUTC());
  }
}
