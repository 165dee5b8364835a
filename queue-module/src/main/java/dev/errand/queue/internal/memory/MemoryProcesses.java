package dev.errand.queue.internal.memory;

import dev.errand.queue.WorkerProcess;
import dev.errand.queue.spi.ProcessRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The heartbeats written to a memory backend, each listed until its lease runs out. */
final class MemoryProcesses {

  private record Beat(WorkerProcess process, long until) {}

  private final Clock clock;
  private final Map<String, Beat> beats = new HashMap<>();

  MemoryProcesses(Clock clock) {
    this.clock = clock;
  }

  synchronized void beat(WorkerProcess process, Duration lease) {
    long now = clock.millis();
    beats.put(process.id(), new Beat(process.seenAt(clock.instant()), now + lease.toMillis()));
  }

  synchronized void end(String id) {
    beats.remove(id);
  }

  synchronized List<WorkerProcess> alive() {
    long now = clock.millis();
    beats.values().removeIf(b -> b.until() <= now);
    return beats.values().stream().map(Beat::process).sorted(ProcessRecords.ORDER).toList();
  }
}
