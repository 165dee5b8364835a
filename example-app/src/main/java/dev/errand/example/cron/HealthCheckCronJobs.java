package dev.errand.example.cron;

import dev.errand.core.ErrandApp;
import dev.errand.core.Health;
import dev.errand.core.spi.Adapter;
import dev.errand.cron.Cron;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the health of the database and the queue every minute. */
public final class HealthCheckCronJobs {

  private static final Logger log = LoggerFactory.getLogger(HealthCheckCronJobs.class);

  private static final Set<String> CHECKED = Set.of("DatabaseAdapter", "QueueAdapter");

  private final ErrandApp app;

  @Inject
  HealthCheckCronJobs(ErrandApp app) {
    this.app = app;
  }

  @Cron(value = "* * * * *", description = "Log database and queue health every minute")
  void healthCheck() {
    // Only the two layers this check is about are probed: the whole app's health would also,
    // say, open an SMTP connection every minute.
    Map<String, Health> checked =
        app.adapters().stream()
            .filter(a -> CHECKED.contains(a.name()))
            .collect(
                Collectors.toMap(
                    Adapter::name, a -> Health.check(a::health), (a, b) -> a, TreeMap::new));
    String summary =
        checked.entrySet().stream()
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
