package dev.errand.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The combined health of an application: one entry per adapter (and shared resource), in start
 * order. The application is up only when every entry is up.
 */
public record HealthReport(Map<String, Health> components) {

  public HealthReport {
    components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
  }

  public boolean up() {
    return components.values().stream().allMatch(Health::up);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(up() ? "UP" : "DOWN");
    components.forEach(
        (name, health) ->
            text.append(", ")
                .append(name)
                .append('=')
                .append(health.up() ? "up" : "down")
                .append(" (")
                .append(health.detail())
                .append(')'));
    return text.toString();
  }
}
