package dev.errand.tck.queue;

import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.testsupport.TestServers;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * A suite whose tests drive one backend directly through the SPI, as a worker would, on a queue no
 * other test uses.
 */
abstract class DrivenQueueContract extends QueueContract {

  final String queue;
  QueueBackend backend;

  /** {@code name} starts the queue's name, which is made unique. */
  DrivenQueueContract(String name) {
    this.queue = TestServers.unique(name);
  }

  @BeforeEach
  final void driveIt() {
    backend = driveBackend();
  }

  /** Adds a job of name "job" with {@code payload} and nothing else set; returns its id. */
  String add(String payload) {
    return backend.add(queue, List.of(new JobDraft("job", payload, null, null, 0, null))).get(0);
  }
}
