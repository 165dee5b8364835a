package dev.errand.tck.memory;

import dev.errand.queue.internal.memory.MemoryBackend;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.QueueInsightContract;
import java.time.Clock;

class MemoryQueueInsightTest extends QueueInsightContract {

  @Override
  protected QueueBackend createBackend() {
    return new MemoryBackend(Clock.systemUTC());
  }
}
