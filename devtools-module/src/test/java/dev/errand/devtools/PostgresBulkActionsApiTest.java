package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.testsupport.PostgresSchema;
import dev.errand.testsupport.TestServers;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BulkActionsApiContract} on the PostgreSQL queue, in a schema of its own; it keeps no
 * workflows, and the workflows page says so.
 */
class PostgresBulkActionsApiTest extends BulkActionsApiContract {

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

  @Test
  void shouldSayWhyTheWorkflowsPageIsEmpty() {
    var answer = dash.get("/api/workflows").tree();
    assertThat(answer.path("available").asBoolean()).isFalse();
    assertThat(answer.path("reason").asText()).contains("keeps no workflows");
  }
}
