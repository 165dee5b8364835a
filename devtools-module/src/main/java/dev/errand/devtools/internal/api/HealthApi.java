package dev.errand.devtools.internal.api;

import dev.errand.core.ErrandApp;
import dev.errand.core.HealthReport;
import dev.errand.devtools.internal.http.Reply;
import dev.errand.devtools.internal.http.Router;
import java.util.List;

/** {@code GET /api/health}: the health of every adapter, in start order. */
public final class HealthApi implements ApiSection {

  /** The whole application's health. */
  public record HealthView(boolean up, List<ComponentView> components) {}

  /** One adapter's (or shared resource's) health. */
  public record ComponentView(String name, boolean up, String detail) {}

  private final ErrandApp app;

  public HealthApi(ErrandApp app) {
    this.app = app;
  }

  @Override
  public void register(Router router) {
    router.get("/api/health", request -> Reply.ok(view(app.health())));
  }

  static HealthView view(HealthReport report) {
    List<ComponentView> components =
        report.components().entrySet().stream()
            .map(e -> new ComponentView(e.getKey(), e.getValue().up(), e.getValue().detail()))
            .toList();
    return new HealthView(report.up(), components);
  }
}
