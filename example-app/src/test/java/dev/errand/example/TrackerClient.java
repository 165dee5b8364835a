package dev.errand.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.example.http.HttpApiAdapter;
import dev.errand.testsupport.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Talks to a running tracker over HTTP, as a user's client would. */
final class TrackerClient {

  /** A status and the parsed JSON body. */
  record Answer(int status, JsonNode body) {}

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final String base;

  /**
   * The tracker on its embedded defaults with a database of its own, no demo data, on a free
   * loopback port, with {@code extra} settings over those.
   */
  static ErrandApp startEmbedded(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>();
    values.put("PORT", "0");
    values.put("EXAMPLE_BIND", "127.0.0.1");
    values.put("EXAMPLE_DEMO_DATA", "false");
    values.put(
        "DATABASE_URL", "jdbc:h2:mem:" + TestServers.unique("tracker") + ";DB_CLOSE_DELAY=-1");
    values.putAll(extra);
    return ExampleApp.start(Settings.of(values), Clock.systemUTC());
  }

  /** The address of the app's HTTP API. */
  static String baseUrl(ErrandApp app) {
    HttpApiAdapter api =
        app.adapters().stream()
            .filter(HttpApiAdapter.class::isInstance)
            .map(HttpApiAdapter.class::cast)
            .findFirst()
            .orElseThrow();
    return "http://127.0.0.1:" + api.port();
  }

  TrackerClient(ErrandApp app) {
    this.base = baseUrl(app);
  }

  Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  Answer post(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** A POST in workspace {@code workspace} (its X-Workspace header). */
  Answer post(String path, String body, String workspace) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .header("X-Workspace", workspace)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  Answer delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE().build());
  }

  long createUser(String name) {
    Answer answer =
        post("/users", "{\"name\":\"" + name + "\",\"email\":\"" + name + "@example.com\"}");
    if (answer.status() != 201) {
      throw new AssertionError("creating " + name + " answered " + answer);
    }
    return answer.body().get("id").asLong();
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), json.readTree(response.body()));
    } catch (IOException e) {
      throw new AssertionError("request failed: " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
