package dev.errand.tck.memory;

import dev.errand.queue.internal.memory.MemoryBackend;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.SettleOnAcknowledgeContract;
import java.time.Clock;

class MemorySettleOnAcknowledgeTest extends SettleOnAcknowledgeContract {

  @Override
  protected QueueBackend createBackend() {
    return new MemoryBackend(Clock.systemUTC());
  }
}
