package dev.errand.testing.sample;

import dev.errand.queue.Job;
import dev.errand.queue.Process;
import dev.errand.queue.UnrecoverableJobException;
import java.io.IOException;

/** Handlers that fail. */
@Job("failing")
final class FailingProcessor {

  @Process("checked")
  void checked(Jobs.Problem data) throws IOException {
    throw new IOException("disk full while " + data.what());
  }

  @Process("unrecoverable")
  void unrecoverable(Jobs.Problem data) {
    throw new UnrecoverableJobException("no such user: " + data.what());
  }
}
