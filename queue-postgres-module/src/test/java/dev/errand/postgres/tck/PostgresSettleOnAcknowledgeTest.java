package dev.errand.postgres.tck;

import dev.errand.postgres.TestPostgres;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.SettleOnAcknowledgeContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSettleOnAcknowledgeTest extends SettleOnAcknowledgeContract {

  @RegisterExtension final TestPostgres postgres = new TestPostgres();

  @Override
  protected QueueBackend createBackend() {
    return postgres.backend();
  }
}
