package dev.errand.postgres.tck;

import dev.errand.postgres.TestPostgres;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.WorkflowFailureContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresWorkflowFailureTest extends WorkflowFailureContract {

  @RegisterExtension final TestPostgres postgres = new TestPostgres();

  @Override
  protected QueueBackend createBackend() {
    return postgres.backend();
  }
}
