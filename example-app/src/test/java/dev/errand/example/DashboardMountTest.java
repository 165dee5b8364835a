package dev.errand.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.devtools.DevToolsAdapter;
import dev.errand.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tracker mounts the dashboard when it is enabled, behind its token. */
class DashboardMountTest {

  private static final String TOKEN = "tracker-dashboard-token-0123456789";

  @Test
  void shouldServeTheTrackersQueuesOnTheDashboardBehindItsToken() throws Exception {
    ErrandApp app =
        ExampleApp.start(
            Settings.of(
                Map.of(
                    "PORT", "0",
                    "EXAMPLE_BIND", "127.0.0.1",
                    "DEVTOOLS_ENABLED", "true",
                    "DEVTOOLS_TOKEN", TOKEN,
                    "DEVTOOLS_PORT", "0",
                    "DATABASE_URL",
                        "jdbc:h2:mem:" + TestServers.unique("tracker") + ";DB_CLOSE_DELAY=-1")),
            Clock.systemUTC());
    try {
      URI base =
          app.adapters().stream()
              .filter(DevToolsAdapter.class::isInstance)
              .map(DevToolsAdapter.class::cast)
              .findFirst()
              .flatMap(DevToolsAdapter::url)
              .orElseThrow();
      HttpClient http = HttpClient.newHttpClient();

      HttpResponse<String> withToken =
          http.send(
              HttpRequest.newBuilder(base.resolve("/api/queues"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> withoutToken =
          http.send(
              HttpRequest.newBuilder(base.resolve("/api/queues")).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(base.getHost()).isEqualTo("127.0.0.1");
      assertThat(withToken.statusCode()).isEqualTo(200);
      assertThat(withToken.body()).contains("\"email\"", "\"notifications\"", "\"activity\"");
      assertThat(withoutToken.statusCode()).isEqualTo(401);
    } finally {
      app.stop();
    }
  }
}
