package dev.errand.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the tracker answers to requests it cannot take, as a new user tried them. */
class HttpErrorsTest {

  private static ErrandApp app;
  private static String base;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    app = TrackerClient.startEmbedded(Map.of());
    base = TrackerClient.baseUrl(app);
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldNameThePositionOfMalformedJsonWithoutJacksonInternals() throws Exception {
    HttpResponse<String> answer = send("POST", "/users", "{\"name\": \"ann\",\n \"email\": }");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("malformed JSON at line 2, column");
    assertThat(answer.body()).doesNotContain("Source", "StreamReadFeature", "REDACTED");
  }

  @Test
  void shouldAnswerConflictForASecondUserOfOneName() throws Exception {
    String body = "{\"name\":\"twin\",\"email\":\"twin@example.com\"}";
    assertThat(send("POST", "/users", body).statusCode()).isEqualTo(201);

    HttpResponse<String> again = send("POST", "/users", body);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("a user named 'twin' already exists");
  }

  @Test
  void shouldSayWhichMethodsAPathAllows() throws Exception {
    HttpResponse<String> answer = send("DELETE", "/users", null);

    assertThat(answer.statusCode()).isEqualTo(405);
    assertThat(answer.headers().firstValue("Allow")).contains("GET, POST");
  }

  @Test
  void shouldNameTheCreatorInTheTaskCreatedActivity() throws Exception {
    long creator = id(send("POST", "/users", "{\"name\":\"cleo\",\"email\":\"cleo@example.com\"}"));
    long assignee =
        id(send("POST", "/users", "{\"name\":\"dora\",\"email\":\"dora@example.com\"}"));
    send(
        "POST",
        "/tasks",
        "{\"title\":\"Plan\",\"creatorId\":" + creator + ",\"assigneeIds\":[" + assignee + "]}");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(send("GET", "/activity", null).body())
                    .contains("task-created")
                    .contains("\"actorId\":" + creator));
  }

  private static long id(HttpResponse<String> created) {
    String body = created.body();
    int at = body.indexOf("\"id\":") + 5;
    int end = at;
    while (end < body.length() && Character.isDigit(body.charAt(end))) {
      end++;
    }
    return Long.parseLong(body.substring(at, end));
  }
}
