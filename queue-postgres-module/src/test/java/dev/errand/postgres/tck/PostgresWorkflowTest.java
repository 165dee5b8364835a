package dev.errand.postgres.tck;

import dev.errand.postgres.TestPostgres;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.WorkflowContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresWorkflowTest extends WorkflowContract {

  @RegisterExtension final TestPostgres postgres = new TestPostgres();

  @Override
  protected QueueBackend createBackend() {
    return postgres.backend();
  }
}
