package dev.errand.tck.memory;

import dev.errand.queue.internal.memory.MemoryBackend;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.QueueDispatchContract;
import java.time.Clock;

class MemoryQueueDispatchTest extends QueueDispatchContract {

  @Override
  protected QueueBackend createBackend() {
    return new MemoryBackend(Clock.systemUTC());
  }
}
