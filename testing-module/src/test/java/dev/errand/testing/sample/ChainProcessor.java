package dev.errand.testing.sample;

import dev.errand.queue.Job;
import dev.errand.queue.Process;
import dev.errand.queue.QueueService;
import jakarta.inject.Inject;

/** Jobs that enqueue jobs: a chain that ends, and one that never does. */
@Job("chain")
final class ChainProcessor {

  private final QueueService queue;
  private final Recorder recorder;

  @Inject
  ChainProcessor(QueueService queue, Recorder recorder) {
    this.queue = queue;
    this.recorder = recorder;
  }

  @Process("step")
  void step(Jobs.Step data) {
    recorder.record("step " + data.number());
    if (data.number() < data.last()) {
      queue.add(Jobs.STEP, new Jobs.Step(data.number() + 1, data.last()));
    }
  }

  @Process("forever")
  void forever(Jobs.Step data) {
    queue.add(Jobs.FOREVER, new Jobs.Step(data.number() + 1, data.last()));
  }
}
