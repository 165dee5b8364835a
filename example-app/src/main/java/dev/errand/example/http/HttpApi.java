package dev.errand.example.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.errand.example.domain.ConflictException;
import dev.errand.example.domain.CurrentWorkspace;
import dev.errand.example.domain.InvalidInputException;
import dev.errand.example.domain.NotFoundException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The tracker's JSON API on the JDK's HTTP server, one virtual thread per request. */
public final class HttpApi implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Route> routes;
  private final ObjectMapper json;

  public HttpApi(InetSocketAddress address, List<Route> routes, ObjectMapper json)
      throws IOException {
    this.routes = List.copyOf(routes);
    this.json = json;
    this.server = HttpServer.create(address, 0);
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
  }

  public void start() {
    server.start();
    log.info("HTTP API listening on http://localhost:{}", port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
  }

  private void dispatch(HttpExchange http) throws IOException {
    String path = http.getRequestURI().getPath();
    String method = http.getRequestMethod();
    Exchange exchange = null;
    try {
      Set<String> allowed = new TreeSet<>();
      for (Route route : routes) {
        Optional<Map<String, String>> params = route.match(path);
        if (params.isEmpty()) {
          continue;
        }
        allowed.add(route.method());
        if (route.method().equals(method)) {
          Exchange current = new Exchange(http, json, params.get());
          exchange = current;
          Route.Response response =
              CurrentWorkspace.in(workspace(http), () -> route.handler().handle(current));
          exchange.respond(response.status(), response.body());
          return;
        }
      }
      exchange = new Exchange(http, json, Map.of());
      if (!allowed.isEmpty()) {
        // 405 names what the path does take, as HTTP asks of it.
        http.getResponseHeaders().set("Allow", String.join(", ", allowed));
        exchange.respond(405, error(method + " is not allowed on " + path));
      } else {
        exchange.respond(404, error("no such endpoint: " + method + " " + path));
      }
    } catch (HttpError e) {
      answer(http, e.status(), e.getMessage());
    } catch (InvalidInputException e) {
      answer(http, 400, e.getMessage());
    } catch (ConflictException e) {
      answer(http, 409, e.getMessage());
    } catch (NotFoundException e) {
      answer(http, 404, e.getMessage());
    } catch (Exception e) {
      log.error("{} {} failed", method, path, e);
      answer(http, 500, "internal error: " + e.getClass().getSimpleName());
    } finally {
      http.close();
    }
  }

  /** The workspace the request names in its X-Workspace header, else the default one. */
  private static String workspace(HttpExchange http) {
    String named = http.getRequestHeaders().getFirst("X-Workspace");
    return named == null || named.isBlank() ? CurrentWorkspace.DEFAULT : named.strip();
  }

  private void answer(HttpExchange http, int status, String message) throws IOException {
    new Exchange(http, json, Map.of()).respond(status, error(message));
  }

  private static Map<String, String> error(String message) {
    return Map.of("error", message);
  }
}
