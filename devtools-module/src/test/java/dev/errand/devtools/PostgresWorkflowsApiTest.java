package dev.errand.devtools;

import dev.errand.testsupport.PostgresSchema;
import dev.errand.testsupport.TestServers;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** {@link WorkflowsApiContract} on the PostgreSQL queue, which keeps workflows in its tables. */
class PostgresWorkflowsApiTest extends WorkflowsApiContract {

  private final PostgresSchema schema = PostgresSchema.create("devtools");

  @Override
  Map<String, String> backend() {
    return Map.of(
        "JOBS_BACKEND", "postgres",
        "DATABASE_URL", schema.url(),
        "DATABASE_USER", TestServers.postgresUser());
  }

  @Override
  @AfterEach
  void stop() {
    super.stop();
    schema.close();
  }
}
