package dev.errand.example.cron;

import dev.errand.core.ErrandApp;
import dev.errand.core.Health;
import dev.errand.cron.Cron;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the health of the database and the queue every minute. */
public final class HealthCheckCronJobs {

  private static final Logger log = LoggerFactory.getLogger(HealthCheckCronJobs.class);

  private final ErrandApp app;

  @Inject
  HealthCheckCronJobs(ErrandApp app) {
    this.app = app;
  }

  @Cron(value = "* * * * *", description = "Log database and queue health every minute")
  void healthCheck() {
    Map<String, Health> checked =
        app.health().components().entrySet().stream()
            .filter(e -> e.getKey().equals("DatabaseAdapter") || e.getKey().equals("QueueAdapter"))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    String summary =
        checked.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(
                e ->
                    e.getKey()
                        + ": "
                        + (e.getValue().up() ? "up" : "down (" + e.getValue().detail() + ")"))
            .collect(Collectors.joining(", "));
    if (checked.values().stream().allMatch(Health::up)) {
      log.info("Health OK - {}", summary);
    } else {
      log.warn("Health DEGRADED - {}", summary);
    }
  }
}
