package dev.errand.example.http;

import dev.errand.core.HealthReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** The application's health as JSON. */
record HealthView(String status, Map<String, Map<String, Object>> components) {

  static HealthView of(HealthReport report) {
    Map<String, Map<String, Object>> components = new LinkedHashMap<>();
    report
        .components()
        .forEach(
            (name, health) ->
                components.put(name, Map.of("up", health.up(), "detail", health.detail())));
    return new HealthView(report.up() ? "UP" : "DOWN", components);
  }
}
