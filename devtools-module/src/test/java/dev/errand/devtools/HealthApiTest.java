package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/health}: every adapter's health, in start order. */
class HealthApiTest {

  @Test
  void shouldReportTheHealthOfEveryAdapterInStartOrder() {
    try (DashboardApp dash = new DashboardApp()) {
      JsonNode health = dash.get("/api/health").tree();

      Map<String, Boolean> components = new LinkedHashMap<>();
      health
          .path("components")
          .forEach(c -> components.put(c.path("name").asText(), c.path("up").asBoolean()));
      assertThat(components)
          .containsExactly(
              Map.entry("QueueAdapter", true),
              Map.entry("CronAdapter", true),
              Map.entry("DevToolsAdapter", true));
      assertThat(health.path("up").asBoolean()).isTrue();
      assertThat(health.path("components").get(2).path("detail").asText())
          .isEqualTo("serving " + dash.base);
    }
  }
}
