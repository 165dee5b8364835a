package dev.errand.devtools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import dev.errand.cron.CronAdapter;
import dev.errand.cron.CronSettings;
import dev.errand.database.DatabaseAdapter;
import dev.errand.database.DatabaseSettings;
import dev.errand.devtools.fixtures.DashCronJobs;
import dev.errand.devtools.fixtures.DashProcessor;
import dev.errand.devtools.fixtures.Switches;
import dev.errand.devtools.spi.ActionAuditor;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real application for the dashboard tests: the memory queue with {@link DashProcessor}, cron on
 * the local cron store with {@link DashCronJobs}, and the dashboard on a free port, plus an HTTP
 * client.
 */
final class DashboardApp implements AutoCloseable {

  static final String TOKEN = "test-token-0123456789abcdef";

  final Switches switches = new Switches();
  final List<ActionAuditor.Action> audited = new CopyOnWriteArrayList<>();
  final ErrandApp app;
  final DevToolsAdapter devtools;
  final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final ObjectMapper json = new ObjectMapper();

  DashboardApp() {
    this(Map.of());
  }

  DashboardApp(Map<String, String> extra, String... namedQueues) {
    this(extra, List.of(DashProcessor.class), List.of(DashCronJobs.class), namedQueues);
  }

  /** An application with other job and cron classes than the tests' fixtures. */
  DashboardApp(
      Map<String, String> extra,
      List<Class<?>> jobClasses,
      List<Class<?>> cronClasses,
      String... namedQueues) {
    Map<String, String> values = new HashMap<>();
    values.put("JOBS_BACKEND", "memory");
    values.put("JOBS_ATTEMPTS", "1");
    values.put("CRON_STORE", "local");
    values.put("DEVTOOLS_ENABLED", "true");
    values.put("DEVTOOLS_TOKEN", TOKEN);
    values.put("DEVTOOLS_PORT", "0");
    values.putAll(extra);
    Settings settings = Settings.of(values);
    List<Adapter> adapters = new ArrayList<>();
    if ("postgres".equals(values.get("JOBS_BACKEND"))) {
      // The PostgreSQL queue runs on the application's DataSource, which DatabaseAdapter makes.
      adapters.add(new DatabaseAdapter(DatabaseSettings.from(settings)));
    }
    devtools =
        new DevToolsAdapter(DevToolsSettings.from(settings))
            .withQueues(namedQueues)
            .withAuditor(audited::add);
    adapters.add(
        new QueueAdapter(QueueSettings.from(settings))
            .withClasses(jobClasses.toArray(Class<?>[]::new)));
    adapters.add(
        new CronAdapter(CronSettings.from(settings))
            .withClasses(cronClasses.toArray(Class<?>[]::new)));
    adapters.add(devtools);
    app =
        ErrandApp.builder()
            .settings(settings)
            .modules(binder -> binder.bind(Switches.class).toInstance(switches))
            .adapters(adapters.toArray(Adapter[]::new))
            .shutdownHook(false)
            .start();
    base = devtools.url().orElseThrow();
  }

  QueueService queue() {
    return app.get(QueueService.class);
  }

  /** A GET with the bearer token. */
  Answer get(String path) {
    return send(request(path).header("Authorization", "Bearer " + TOKEN).GET());
  }

  /** A POST with the bearer token (no CSRF header needed). */
  Answer post(String path) {
    return send(
        request(path)
            .header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** A POST with the bearer token and a JSON body. */
  Answer postJson(String path, String body) {
    return send(
        request(path)
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
  }

  Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Opens a browser-style session through the token link: its cookie and CSRF token. */
  BrowserSession login() {
    Answer redirect = send(request("/?token=" + TOKEN).GET());
    String setCookie = redirect.response.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    Answer page = send(request("/").header("Cookie", cookie).GET());
    Matcher m = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page.body());
    if (!m.find()) {
      throw new AssertionError("the page has no csrf-token meta tag: " + page.body());
    }
    return new BrowserSession(cookie, m.group(1));
  }

  /** A session cookie and the CSRF token of its page. */
  record BrowserSession(String cookie, String csrf) {}

  /** An HTTP answer with its body parsed on demand. */
  record Answer(HttpResponse<String> response, ObjectMapper json) {
    int status() {
      return response.statusCode();
    }

    String body() {
      return response.body();
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    JsonNode tree() {
      try {
        return json.readTree(response.body());
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status() + "): " + response.body(), e);
      }
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
