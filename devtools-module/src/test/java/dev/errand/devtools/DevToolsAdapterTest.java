package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandStartupException;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import dev.errand.cron.CronAdapter;
import dev.errand.cron.CronSettings;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapter inside an application: off by default, listed last, sections for what exists. */
class DevToolsAdapterTest {

  private static final String TOKEN = "adapter-test-token-0123456789";

  private static ErrandApp start(DevToolsAdapter devtools, Adapter... others) {
    List<Adapter> adapters = new ArrayList<>(List.of(others));
    adapters.add(devtools);
    return ErrandApp.builder()
        .settings(Settings.of(Map.of()))
        .adapters(adapters.toArray(Adapter[]::new))
        .shutdownHook(false)
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void shouldServeNothingWhenDisabled() throws IOException {
    int port = freePort();
    DevToolsAdapter devtools = new DevToolsAdapter(DevToolsSettings.defaults().withPort(port));

    try (ErrandApp app = start(devtools)) {
      assertThat(devtools.url()).isEmpty();
      assertThat(app.health().components().get("DevToolsAdapter").detail()).contains("disabled");
      assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void shouldListenOnLoopbackAndStopListeningWhenTheAppStops() throws Exception {
    DevToolsAdapter devtools = new DevToolsAdapter(DevToolsSettings.enabledWithToken(TOKEN));
    ErrandApp app = start(devtools);
    URI url = devtools.url().orElseThrow();
    assertThat(url.getHost()).isEqualTo("127.0.0.1");

    app.stop();

    assertThat(devtools.url()).isEmpty();
    assertThatThrownBy(() -> new Socket(url.getHost(), url.getPort()).close())
        .isInstanceOf(ConnectException.class);
    app.stop();
  }

  @Test
  void shouldFailStartupNamingThePortSettingWhenThePortIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      DevToolsAdapter devtools =
          new DevToolsAdapter(
              DevToolsSettings.enabledWithToken(TOKEN).withPort(taken.getLocalPort()));

      assertThatThrownBy(() -> start(devtools))
          .isInstanceOf(ErrandStartupException.class)
          .hasMessageContaining("DevToolsAdapter")
          .hasMessageContaining("DEVTOOLS_PORT");
    }
  }

  @Test
  void shouldRefuseToBeListedBeforeTheQueueAdapter() {
    assertThatThrownBy(
            () ->
                ErrandApp.builder()
                    .settings(Settings.of(Map.of()))
                    .adapters(
                        new DevToolsAdapter(DevToolsSettings.enabledWithToken(TOKEN)),
                        new QueueAdapter(QueueSettings.defaults()))
                    .shutdownHook(false)
                    .start())
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining("DevToolsAdapter")
        .hasMessageContaining("QueueAdapter");
  }

  @Test
  void shouldSaySoWhenTheAppHasNoQueueOrCronAdapter() throws Exception {
    DevToolsAdapter devtools = new DevToolsAdapter(DevToolsSettings.enabledWithToken(TOKEN));
    try (ErrandApp app = start(devtools)) {
      JsonNode queues = get(devtools, "/api/queues");
      JsonNode cron = get(devtools, "/api/cron");

      assertThat(queues.path("available").asBoolean()).isFalse();
      assertThat(queues.path("reason").asText()).contains("QueueAdapter");
      assertThat(cron.path("available").asBoolean()).isFalse();
      assertThat(cron.path("reason").asText()).contains("CronAdapter");
    }
  }

  @Test
  void shouldShowOnlyTheCronSectionWhenTheAppHasOnlyCron() throws Exception {
    DevToolsAdapter devtools = new DevToolsAdapter(DevToolsSettings.enabledWithToken(TOKEN));
    try (ErrandApp app = start(devtools, new CronAdapter(CronSettings.defaults()))) {
      assertThat(get(devtools, "/api/cron").path("available").asBoolean()).isTrue();
      assertThat(get(devtools, "/api/queues").path("available").asBoolean()).isFalse();
    }
  }

  private static JsonNode get(DevToolsAdapter devtools, String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(devtools.url().orElseThrow().resolve(path))
                    .header("Authorization", "Bearer " + TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }
}
