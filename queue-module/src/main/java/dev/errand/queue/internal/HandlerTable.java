package dev.errand.queue.internal;

import java.util.Collection;
import java.util.Map;

/** One queue's handlers by job name, with its catch-all if it has one. */
public final class HandlerTable {

  private final String queue;
  private final Map<String, JobHandler> byName;
  private final JobHandler catchAll;

  HandlerTable(String queue, Map<String, JobHandler> byName) {
    this.queue = queue;
    this.byName = Map.copyOf(byName);
    this.catchAll = byName.get("");
  }

  public String queue() {
    return queue;
  }

  /** The handler for {@code name}: the named one, else the catch-all, else null. */
  public JobHandler find(String name) {
    JobHandler handler = byName.get(name);
    return handler != null ? handler : catchAll;
  }

  Collection<JobHandler> handlers() {
    return byName.values();
  }

  /** The handlers by job name, the catch-all under "". */
  Map<String, JobHandler> byName() {
    return byName;
  }
}
