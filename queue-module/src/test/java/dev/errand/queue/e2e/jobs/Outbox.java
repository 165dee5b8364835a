package dev.errand.queue.e2e.jobs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for a mailer: processors write here, tests read. */
public final class Outbox {

  private final List<String> sent = new CopyOnWriteArrayList<>();

  public void send(String line) {
    sent.add(line);
  }

  public List<String> sent() {
    return sent;
  }
}
