package dev.errand.postgres.tck;

import dev.errand.postgres.TestPostgres;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.WorkflowRecoveryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresWorkflowRecoveryTest extends WorkflowRecoveryContract {

  @RegisterExtension final TestPostgres postgres = new TestPostgres();

  @Override
  protected QueueBackend createBackend() {
    return postgres.backend();
  }
}
